export * from './service/router';
export { todoPlugin as default } from './plugin';
