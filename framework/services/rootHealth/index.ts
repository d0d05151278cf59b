export { DefaultRootHealthService, type DefaultRootHealthServiceOptions } from './DefaultRootHealthService';
export { createHealthRouter, HEALTH_PATH } from './createHealthRouter';
export { rootHealthServiceFactory } from './rootHealthServiceFactory';
