export { createRouter } from './service/router';
export type { RouterOptions } from './service/router';
export { settingsPlugin as default } from './plugin';
