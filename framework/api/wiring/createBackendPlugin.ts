import { BACKEND_FEATURE_TYPE, BACKEND_FEATURE_VERSION } from '../refs/markers';
import { assertFeatureId, collectRegistration, makeCallable } from './featureRegistration';
import type { BackendPluginRegistrationPoints, CallableBackendFeature } from './types';

export interface CreateBackendPluginOptions {
  pluginId: string;
  register(env: BackendPluginRegistrationPoints): void;
}

export function createBackendPlugin(options: CreateBackendPluginOptions): CallableBackendFeature {
  const { pluginId, register } = options;
  assertFeatureId('plugin', pluginId);
  if (typeof register !== 'function') {
    throw new TypeError(`createBackendPlugin for plugin '${pluginId}' needs a register(env) function`);
  }
  const label = `Plugin '${pluginId}'`;
  return makeCallable({
    $$type: BACKEND_FEATURE_TYPE,
    version: BACKEND_FEATURE_VERSION,
    featureType: 'registrations' as const,
    getRegistrations() {
      const { extensionPoints, init } = collectRegistration(label, register);
      return [{ type: 'plugin-v1.1' as const, pluginId, extensionPoints, init }];
    },
    toString: () => `plugin{${pluginId}}`,
  });
}
