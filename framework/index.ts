/** `forklift/framework`: the backend system's API for plugin authors, plus createBackend(). */
export * from './api';
export { defaultServiceFactories } from './services';
export { permissionPlugin, policyExtensionPoint, type PolicyExtensionPoint } from './services';
