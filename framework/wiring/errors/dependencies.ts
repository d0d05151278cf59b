/**
 * Errors of the dependency checks: a dependency nothing provides, one that is not a ref, a cycle, a root service
 * that needs a plugin-scoped one, two refs with one id that disagree. Each message names the consumer and the fix.
 */

import { ErrorCodes, ForkliftBackendError } from './codes';
import { describeConsumer, type Consumer } from './describe';

export function missingDependencies(missing: Array<{ consumer: Consumer; refs: string[] }>): ForkliftBackendError {
  const lines = missing.map(({ consumer, refs }) => `  - ${describeConsumer(consumer)} needs ${refs.join(', ')}`);
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_MISSING_DEPENDENCY,
    `Missing dependencies; nothing provides:\n${lines.join('\n')}\n` +
      'Fix: add a factory for each missing service with backend.add(createServiceFactory({ service: <ref>, ... })) ' +
      'or install the feature that provides it; a module gets extension points from the plugin it extends or its other modules.',
  );
}

export function invalidDependency(consumer: Consumer, name: string, value: unknown): ForkliftBackendError {
  const what =
    value === undefined ? 'undefined' : value === null ? 'null' : typeof value === 'object' ? 'an object that is not a ref' : String(value);
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_DEPENDENCY,
    `Dependency '${name}' of ${describeConsumer(consumer)} is ${what}, not a service ref or extension point. ` +
      'Fix: pass a ref made by createServiceRef (e.g. coreServices.logger) or createExtensionPoint; an undefined value usually means a broken import.',
  );
}

export function pluginDependsOnExtensionPoint(pluginId: string, ref: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_DEPENDENCY,
    `Plugin '${pluginId}' depends on ${ref}, but only modules can consume extension points. ` +
      `Fix: move the code that uses ${ref} into a module created with createBackendModule({ pluginId: ... }).`,
  );
}

export function circularDependency(cycle: string[]): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_CIRCULAR_DEPENDENCY,
    `Circular service dependency: ${cycle.join(' -> ')}. ` +
      'Fix: break the cycle, e.g. by moving the shared part into a third service both depend on.',
  );
}

export function moduleCycle(pluginId: string, moduleIds: string[]): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_MODULE_CYCLE,
    `Modules of plugin '${pluginId}' consume each other's extension points in a cycle: ` +
      `${moduleIds.map((m) => `module '${m}'`).join(' -> ')}. ` +
      'Fix: move one of these extension points to the plugin itself, or merge the modules.',
  );
}

export function rootDependsOnPlugin(rootRef: string, depName: string, depRef: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_ROOT_DEPENDS_ON_PLUGIN,
    `Root service ${rootRef} depends on plugin-scoped ${depRef} (as '${depName}'); a root service exists once per backend ` +
      'and cannot use a per-plugin service. ' +
      `Fix: depend on a root service instead (e.g. core.rootLogger rather than core.logger), or make ${rootRef} plugin-scoped.`,
  );
}

export function conflictingRefs(ref: string, consumer: Consumer, wanted: string, provided: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_CONFLICTING_SERVICE_REFS,
    `${describeConsumer(consumer)} uses ${ref} as a ${wanted} service, but its factory was made for a ${provided} ${ref}. ` +
      'Two refs with one id that disagree usually mean two copies of the package that defines it. ' +
      'Fix: deduplicate that package (npm ls <package>, then npm dedupe or align the versions) so every feature uses one definition.',
  );
}
