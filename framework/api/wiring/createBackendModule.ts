import { BACKEND_FEATURE_TYPE, BACKEND_FEATURE_VERSION } from '../refs/markers';
import { assertFeatureId, collectRegistration, makeCallable } from './featureRegistration';
import type { BackendModuleRegistrationPoints, CallableBackendFeature } from './types';

export interface CreateBackendModuleOptions {
  /** The plugin this module extends; it must be installed in the same backend. */
  pluginId: string;
  moduleId: string;
  register(env: BackendModuleRegistrationPoints): void;
}

export function createBackendModule(options: CreateBackendModuleOptions): CallableBackendFeature {
  const { pluginId, moduleId, register } = options;
  assertFeatureId('plugin', pluginId, ` in module '${String(moduleId)}'`);
  assertFeatureId('module', moduleId, ` for plugin '${pluginId}'`);
  if (typeof register !== 'function') {
    throw new TypeError(`createBackendModule for module '${moduleId}' of plugin '${pluginId}' needs a register(env) function`);
  }
  const label = `Module '${moduleId}' for plugin '${pluginId}'`;
  return makeCallable({
    $$type: BACKEND_FEATURE_TYPE,
    version: BACKEND_FEATURE_VERSION,
    featureType: 'registrations' as const,
    getRegistrations() {
      const { extensionPoints, init } = collectRegistration(label, register);
      return [{ type: 'module-v1.1' as const, pluginId, moduleId, extensionPoints, init }];
    },
    toString: () => `module{${pluginId}.${moduleId}}`,
  });
}
