/** The backend container: service registry, dependency checks, feature loading, start and stop. */
export { createSpecializedBackend, createSpecializedBackendWithInternals } from './createSpecializedBackend';
export type { CreateSpecializedBackendOptions, BackendInternals } from './createSpecializedBackend';
export type { Backend, RootLifecycleInternals, InstalledFeatures } from './types';
export { installedFeaturesServiceRef } from './types';
export { ServiceRegistry } from './ServiceRegistry';
export { DependencyGraph, type GraphNode } from './DependencyGraph';
export { createFallbackLogger } from './fallbacks';
export { isPromiseLike, unwrapDefaultExport } from './moduleInterop';
export {
  ErrorCodes,
  ForkliftBackendError,
  ForkliftStartupError,
  hookTooLate,
  invalidHook,
  isErrorCode,
  isForkliftBackendError,
  messageOf,
} from './errors';
export type { ErrorCode } from './errors';
export { pluginBootFailuresServiceRef, type PluginBootFailures } from './bootFailures';
export { runInPluginScope } from './pluginScope';
export { RepeatCounter } from './RepeatCounter';
export { guardUnhandledRejections } from './rejectionGuard';
