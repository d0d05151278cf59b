export { DefaultHttpRouterService, type DefaultHttpRouterServiceOptions } from './DefaultHttpRouterService';
export { httpRouterServiceFactory } from './httpRouterServiceFactory';
export { DEFAULT_STARTUP_REQUEST_PAUSE_MS } from './PluginStartGate';
export { COOKIE_PATH } from './createCookieHandler';
export { answerUnhandledRejection } from './answerUnhandledRejection';
