/**
 * Errors of adding features: duplicate plugins, modules and extension points, a module without its plugin or using
 * another plugin's extension point, a value that is not a feature, and bad options to createSpecializedBackend.
 */

import { ErrorCodes, ForkliftBackendError, messageOf } from './codes';
import { describeValue } from './describe';

export function duplicatePlugin(pluginId: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_DUPLICATE_PLUGIN,
    `Plugin '${pluginId}' was added more than once. Fix: remove the duplicate backend.add(...) of plugin '${pluginId}'.`,
  );
}

export function duplicateModule(pluginId: string, moduleId: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_DUPLICATE_MODULE,
    `Module '${moduleId}' of plugin '${pluginId}' was added more than once. Fix: remove the duplicate backend.add(...) of that module.`,
  );
}

export function duplicateExtensionPoint(ref: string, first: string, second: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_DUPLICATE_EXTENSION_POINT,
    `${ref} is registered by both ${first} and ${second}; an extension point has one provider. ` +
      'Fix: register it in one place only, or give one of them another id.',
  );
}

export function foreignExtensionPoint(pluginId: string, moduleId: string, ref: string, ownerPluginId: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_FOREIGN_EXTENSION_POINT,
    `Module '${moduleId}' of plugin '${pluginId}' depends on ${ref}, which belongs to plugin '${ownerPluginId}'; ` +
      'a module can only use the extension points of the plugin it extends. ' +
      `Fix: create this module with pluginId '${ownerPluginId}'.`,
  );
}

export function extensionPointLocked(ref: string, pluginId: string, member: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_EXTENSION_POINT_LOCKED,
    `${ref}${member ? `.${member}` : ''} was used after plugin '${pluginId}' had finished initialising; ` +
      'extension points are locked once their plugin has started, because the plugin has already read them. ' +
      "Fix: call the extension point inside the module's init function, not later (from a startup hook, timer or request).",
  );
}

export function moduleWithoutPlugin(pluginId: string, moduleId: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_MODULE_WITHOUT_PLUGIN,
    `Module '${moduleId}' was added for plugin '${pluginId}', but plugin '${pluginId}' is not installed. ` +
      `Fix: backend.add() the '${pluginId}' plugin as well, or remove the module.`,
  );
}

export function invalidFeature(value: unknown, source: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_FEATURE,
    `${source} got ${describeValue(value)}, which is not a backend feature. ` +
      'Fix: pass a plugin, module, service factory or feature loader, or an import() of a module whose default export is one.',
  );
}

export function featureImportFailed(source: string, cause: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_FEATURE,
    `${source} got a promise that rejected: ${messageOf(cause)}. ` +
      'Fix: check the import() path and that the module loads on its own (the original error is in `cause`).',
    cause,
  );
}

export function invalidRegistration(feature: string, cause: unknown): ForkliftBackendError {
  return new ForkliftBackendError(ErrorCodes.FORKLIFT_INVALID_REGISTRATION, `${feature}: ${messageOf(cause)}`, cause);
}

export function invalidBackendOptions(value: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_BACKEND_OPTIONS,
    `createSpecializedBackend got ${describeValue(value)}. Fix: pass { defaultServiceFactories: ServiceFactory[] } (use [] for none).`,
  );
}
