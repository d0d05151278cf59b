/**
 * Errors of starting the backend: start or add at the wrong time, a feature loader, plugin or module that failed
 * to start, a bad boot failure policy, and startup/shutdown hooks added too late or not functions.
 */

import { ErrorCodes, ForkliftBackendError, messageOf } from './codes';
import { describeValue } from './describe';

export function addAfterStart(): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_ADD_AFTER_START,
    'backend.add() was called after backend.start(); the set of features is fixed once the backend starts. ' +
      'Fix: add every feature before calling start().',
  );
}

export function alreadyStarted(): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_ALREADY_STARTED,
    'backend.start() was called more than once. Fix: call start() once; to restart, create a new backend.',
  );
}

export function featureLoaderFailed(description: string, cause: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_FEATURE_LOADER_FAILED,
    `The ${description} failed: ${messageOf(cause)}. Fix: check that loader (the original error is in \`cause\`).`,
    cause,
  );
}

export function pluginInitFailed(pluginId: string, cause: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_PLUGIN_INIT_FAILED,
    `Plugin '${pluginId}' failed to start: ${messageOf(cause)}. ` +
      `Fix: correct the plugin, or set backend.startup.plugins.${pluginId}.onPluginBootFailure: continue to start the backend without it.`,
    cause,
  );
}

export function moduleInitFailed(pluginId: string, moduleId: string, cause: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_MODULE_INIT_FAILED,
    `Module '${moduleId}' of plugin '${pluginId}' failed to start: ${messageOf(cause)}. ` +
      `Fix: correct the module, or set backend.startup.plugins.${pluginId}.modules.${moduleId}.onPluginModuleBootFailure: continue ` +
      'to start the plugin without it.',
    cause,
  );
}

export function invalidBootFailurePolicy(key: string, value: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_BOOT_FAILURE_POLICY,
    `Invalid value ${JSON.stringify(value)} for config key '${key}'. Fix: use 'abort' or 'continue'.`,
  );
}

export function hookTooLate(kind: 'startup' | 'shutdown' | 'before-shutdown', owner: string): ForkliftBackendError {
  const when = kind === 'startup' ? 'after the backend had started' : 'after the backend had begun shutting down';
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_LIFECYCLE_HOOK_TOO_LATE,
    `${owner} added a ${kind} hook ${when}, so it would never run. ` +
      `Fix: add ${kind} hooks during plugin or service initialisation${kind === 'startup' ? ', or run the code directly now' : ''}.`,
  );
}

export function invalidHook(kind: 'startup' | 'shutdown' | 'before-shutdown', owner: string, value: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_LIFECYCLE_HOOK,
    `${owner} passed ${describeValue(value)} as a ${kind} hook. Fix: pass a function () => void | Promise<void>.`,
  );
}
