export {
  createRootHttpRouter,
  DEFAULT_SERVER_SHUTDOWN_TIMEOUT_MS,
  type RootHttpRouterConfigureContext,
  type RootHttpRouterDeps,
  type RootHttpRouterImpl,
  type RootHttpRouterOptions,
} from './createRootHttpRouter';
export { createRootHttpRouterServiceFactory, rootHttpRouterServiceFactory } from './rootHttpRouterServiceFactory';
export { DefaultRootHttpRouter } from './DefaultRootHttpRouter';
export { HttpServer, type HttpServerAddress } from './HttpServer';
export { readHttpServerOptions, type HttpServerOptions } from './readHttpServerOptions';
export {
  sendErrorResponse,
  createErrorHandler,
  createNotFoundHandler,
  type ErrorResponseBody,
  type ErrorResponseOptions,
} from './errorResponses';
export { expectedUnavailable } from './expectedUnavailability';
export { RequestTracker } from './RequestTracker';
export { refuseUpgrade } from './WebSocketRoutes';
