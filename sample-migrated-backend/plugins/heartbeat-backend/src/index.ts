export * from './service/router';
export { heartbeatPlugin as default } from './plugin';
