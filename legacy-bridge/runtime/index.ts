export { useHotMemoize, useHotCleanup } from './hot';
export { getRootLogger, setRootLogger } from './rootLogger';
export { loadBackendConfig, type LoadBackendConfigOptions } from './loadBackendConfig';
export { errorHandler, notFoundHandler, requestLoggingHandler } from './httpHandlers';
export { createStatusCheckRouter, type StatusCheck, type StatusCheckRouterOptions } from './createStatusCheckRouter';
export { createServiceBuilder, type ServiceBuilder, type HttpsSettings } from './createServiceBuilder';
export { DatabaseManager, CacheManager, HostDiscovery, SingleHostDiscovery, UrlReaders, TaskScheduler } from './managers';
export { ServerTokenManager } from './ServerTokenManager';
export { DefaultIdentityClient, ServerPermissionClient } from './identityAndPermissions';
