export * from './service/router';
export { reportsPlugin as default } from './plugin';
