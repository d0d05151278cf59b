export { createRouter } from './service/router';
export type { RouterOptions } from './service/router';
