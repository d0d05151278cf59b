/**
 * Errors of service factories: duplicates, overrides of built-in services, a factory that failed or came too
 * late, and a driver that is an optional install but is not installed.
 */

import { ErrorCodes, ForkliftBackendError, messageOf } from './codes';

export function duplicateServiceFactory(ref: string, where: 'added' | 'default'): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_DUPLICATE_SERVICE_FACTORY,
    where === 'added'
      ? `Two service factories were added for ${ref}; a singleton service has one factory. ` +
          'Fix: remove one of the backend.add(...) calls (a factory passed to backend.add already replaces the default one).'
      : `defaultServiceFactories holds two factories for ${ref}. Fix: keep one default factory per service id.`,
  );
}

export function builtinServiceOverride(ref: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_BUILTIN_SERVICE_OVERRIDE,
    `${ref} is built into the backend (made per plugin from its id) and cannot be overridden. ` +
      'Fix: remove the factory for it; read the plugin id with pluginMetadata.getId() instead.',
  );
}

export function serviceFactoryFailed(ref: string, pluginId: string | undefined, cause: unknown): ForkliftBackendError {
  const scope = pluginId ? ` for plugin '${pluginId}'` : '';
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_SERVICE_FACTORY_FAILED,
    `Service factory for ${ref} failed${scope}: ${messageOf(cause)}. ` +
      'Fix: check that factory and the configuration it reads (the original error is in `cause`).',
    cause,
  );
}

export function lateServiceFactory(ref: string, source: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_LATE_SERVICE_FACTORY,
    `${source} provided a factory for ${ref}, but ${ref} had already been created for a feature loader. ` +
      'Fix: add that factory with backend.add(...) directly, before any feature loader that depends on it.',
  );
}

/**
 * A driver that is an optional install (the embedded SQLite database) was configured but is not installed:
 * the message names the package, the config that asked for it and the install command.
 */
export function optionalDependencyMissing(
  packageName: string,
  neededFor: string,
  versionRange: string,
  cause: unknown,
): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_OPTIONAL_DEPENDENCY_MISSING,
    `${neededFor} needs the package '${packageName}', which is an optional install and is not installed. ` +
      `Install it next to forklift (npm install ${packageName}@${versionRange}), or configure another database client ` +
      `(backend.database.client: pg).`,
    cause,
  );
}
