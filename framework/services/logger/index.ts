/** `core.logger`: the per-plugin logger. */
export { loggerServiceFactory } from './loggerServiceFactory';
