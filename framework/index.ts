/** `forklift/framework`: the backend system's API for plugin authors, plus createBackend(). */
export * from './api';
export { defaultServiceFactories } from './services';
export { createBackend } from './createBackend';
export { createSpecializedBackend, ErrorCodes, ForkliftBackendError, ForkliftStartupError } from './wiring';
export type { Backend, CreateSpecializedBackendOptions, ErrorCode } from './wiring';
export { permissionPlugin, policyExtensionPoint, type PolicyExtensionPoint } from './services';
export {
  authServiceFactory,
  createRootHttpRouterServiceFactory,
  httpAuthServiceFactory,
  httpRouterServiceFactory,
  issueUserToken,
  rootHealthServiceFactory,
  rootHttpRouterServiceFactory,
  userInfoServiceFactory,
  type IssueUserTokenOptions,
  type RootHttpRouterConfigureContext,
  type RootHttpRouterOptions,
} from './services';
