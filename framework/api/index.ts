/**
 * The plugin author's API: refs, creators, the core service refs and interfaces, and the HTTP errors.
 * Types and small creators only; nothing here loads express, knex or winston at runtime.
 */
export * from './refs';
export * from './wiring';
export * from './services';
export * from './permissions';
export * from './errors';
export { alphaServices, coreServices, eventsServiceRef } from './coreServices';
