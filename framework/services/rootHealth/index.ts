export { DefaultRootHealthService } from './DefaultRootHealthService';
export { createHealthRouter, HEALTH_PATH } from './createHealthRouter';
export { rootHealthServiceFactory } from './rootHealthServiceFactory';
