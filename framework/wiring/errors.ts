/**
 * Every error the backend container (and the lifecycle services it drives) can throw, in one place, and the
 * one table of Forklift's error codes (the legacy bridge and the codemod runner use it too). Each error
 * carries a stable `code`, so tests and users match on codes rather than on prose; each message names the
 * plugin or module, the ref involved, and what to do about it.
 */

/** Makes the compiler hold every key of the table equal to its value, so a code reads the same everywhere. */
function keysEqualValues<T extends { [K in keyof T]: K }>(table: T): T {
  return table;
}

export const ErrorCodes = keysEqualValues({
  // The container and the lifecycle services it drives.
  FORKLIFT_MISSING_DEPENDENCY: 'FORKLIFT_MISSING_DEPENDENCY',
  FORKLIFT_INVALID_DEPENDENCY: 'FORKLIFT_INVALID_DEPENDENCY',
  FORKLIFT_CIRCULAR_DEPENDENCY: 'FORKLIFT_CIRCULAR_DEPENDENCY',
  FORKLIFT_MODULE_CYCLE: 'FORKLIFT_MODULE_CYCLE',
  FORKLIFT_DUPLICATE_SERVICE_FACTORY: 'FORKLIFT_DUPLICATE_SERVICE_FACTORY',
  FORKLIFT_BUILTIN_SERVICE_OVERRIDE: 'FORKLIFT_BUILTIN_SERVICE_OVERRIDE',
  FORKLIFT_ROOT_DEPENDS_ON_PLUGIN: 'FORKLIFT_ROOT_DEPENDS_ON_PLUGIN',
  FORKLIFT_SERVICE_FACTORY_FAILED: 'FORKLIFT_SERVICE_FACTORY_FAILED',
  FORKLIFT_LATE_SERVICE_FACTORY: 'FORKLIFT_LATE_SERVICE_FACTORY',
  FORKLIFT_DUPLICATE_PLUGIN: 'FORKLIFT_DUPLICATE_PLUGIN',
  FORKLIFT_DUPLICATE_MODULE: 'FORKLIFT_DUPLICATE_MODULE',
  FORKLIFT_DUPLICATE_EXTENSION_POINT: 'FORKLIFT_DUPLICATE_EXTENSION_POINT',
  FORKLIFT_FOREIGN_EXTENSION_POINT: 'FORKLIFT_FOREIGN_EXTENSION_POINT',
  FORKLIFT_EXTENSION_POINT_LOCKED: 'FORKLIFT_EXTENSION_POINT_LOCKED',
  FORKLIFT_MODULE_WITHOUT_PLUGIN: 'FORKLIFT_MODULE_WITHOUT_PLUGIN',
  FORKLIFT_INVALID_FEATURE: 'FORKLIFT_INVALID_FEATURE',
  FORKLIFT_INVALID_REGISTRATION: 'FORKLIFT_INVALID_REGISTRATION',
  FORKLIFT_ADD_AFTER_START: 'FORKLIFT_ADD_AFTER_START',
  FORKLIFT_ALREADY_STARTED: 'FORKLIFT_ALREADY_STARTED',
  FORKLIFT_FEATURE_LOADER_FAILED: 'FORKLIFT_FEATURE_LOADER_FAILED',
  FORKLIFT_PLUGIN_INIT_FAILED: 'FORKLIFT_PLUGIN_INIT_FAILED',
  FORKLIFT_MODULE_INIT_FAILED: 'FORKLIFT_MODULE_INIT_FAILED',
  FORKLIFT_STARTUP_FAILED: 'FORKLIFT_STARTUP_FAILED',
  FORKLIFT_INVALID_BOOT_FAILURE_POLICY: 'FORKLIFT_INVALID_BOOT_FAILURE_POLICY',
  FORKLIFT_LIFECYCLE_HOOK_TOO_LATE: 'FORKLIFT_LIFECYCLE_HOOK_TOO_LATE',
  FORKLIFT_INVALID_LIFECYCLE_HOOK: 'FORKLIFT_INVALID_LIFECYCLE_HOOK',
  FORKLIFT_CONFLICTING_SERVICE_REFS: 'FORKLIFT_CONFLICTING_SERVICE_REFS',
  FORKLIFT_INVALID_BACKEND_OPTIONS: 'FORKLIFT_INVALID_BACKEND_OPTIONS',
  // A driver that is an optional install (the embedded SQLite database) is configured but not installed.
  FORKLIFT_OPTIONAL_DEPENDENCY_MISSING: 'FORKLIFT_OPTIONAL_DEPENDENCY_MISSING',
  // legacy-bridge: a legacy createPlugin(env) module could not be started.
  FORKLIFT_LEGACY_PLUGIN_FAILED: 'FORKLIFT_LEGACY_PLUGIN_FAILED',
  // The codemod runner and CLI: bad usage or a refused run (the CLI exits with 2).
  FORKLIFT_NO_DIRECTORY: 'FORKLIFT_NO_DIRECTORY',
  FORKLIFT_DIRTY_TREE: 'FORKLIFT_DIRTY_TREE',
  FORKLIFT_ANALYSIS_FAILED: 'FORKLIFT_ANALYSIS_FAILED',
  FORKLIFT_BAD_ONLY: 'FORKLIFT_BAD_ONLY',
  FORKLIFT_UNKNOWN_TRANSFORM: 'FORKLIFT_UNKNOWN_TRANSFORM',
  FORKLIFT_TRANSFORMS_MODULE: 'FORKLIFT_TRANSFORMS_MODULE',
  FORKLIFT_INTERRUPTED_RUN: 'FORKLIFT_INTERRUPTED_RUN',
  // `forklift verify --base <revision>` names no git revision of the repository.
  FORKLIFT_NO_BASE_REVISION: 'FORKLIFT_NO_BASE_REVISION',
  // The codemod runner could not put its files on disk (the CLI exits with 1).
  FORKLIFT_WRITE_FAILED: 'FORKLIFT_WRITE_FAILED',
  // core.database: a migration's connection broke and another instance took the migration lock meanwhile.
  FORKLIFT_MIGRATION_LOCK_LOST: 'FORKLIFT_MIGRATION_LOCK_LOST',
  // forklift adopt: no plugin named, flags that do not go together, a change that may not be written.
  FORKLIFT_NO_PLUGINS: 'FORKLIFT_NO_PLUGINS',
  FORKLIFT_BAD_FLAGS: 'FORKLIFT_BAD_FLAGS',
  FORKLIFT_UNSAFE_WRITE: 'FORKLIFT_UNSAFE_WRITE',
} as const);

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCodes));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN_CODES.has(value);
}

/** The one error class of the container; `code` says which rule was broken. */
export class ForkliftBackendError extends Error {
  readonly code: ErrorCode;
  readonly cause?: unknown;
  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'ForkliftBackendError';
    this.code = code;
    if (cause !== undefined) this.cause = cause;
  }
}

/** Several startup failures reported at once; each entry keeps its own code. */
export class ForkliftStartupError extends ForkliftBackendError {
  readonly errors: ForkliftBackendError[];
  constructor(errors: ForkliftBackendError[]) {
    super(
      ErrorCodes.FORKLIFT_STARTUP_FAILED,
      `Backend startup failed with ${errors.length} errors:\n` + errors.map((e) => `  - [${e.code}] ${indent(e.message)}`).join('\n'),
    );
    this.errors = errors;
  }
}

/** A ForkliftBackendError, or an error of another copy of the package: one whose `code` is in the table. */
export function isForkliftBackendError(error: unknown): error is ForkliftBackendError {
  return (
    error instanceof ForkliftBackendError ||
    (typeof error === 'object' && error !== null && isErrorCode((error as { code?: unknown }).code))
  );
}

/** Throws one error as itself, several as one ForkliftStartupError listing them all. */
export function throwCollected(errors: ForkliftBackendError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ForkliftStartupError(errors);
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n    ');
}

/**
 * The message of anything thrown: an Error's message (also an Error from another realm, such as a jest
 * sandbox or a native module), otherwise the value as text.
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Who asked for something: a plugin, a module, a service factory or a feature loader. */
export type Consumer =
  | { kind: 'plugin'; pluginId: string }
  | { kind: 'module'; pluginId: string; moduleId: string }
  | { kind: 'service'; ref: string }
  | { kind: 'loader'; description: string };

export function describeConsumer(consumer: Consumer): string {
  switch (consumer.kind) {
    case 'plugin':
      return `plugin '${consumer.pluginId}'`;
    case 'module':
      return `module '${consumer.moduleId}' of plugin '${consumer.pluginId}'`;
    case 'service':
      return `the service factory for ${consumer.ref}`;
    case 'loader':
      return consumer.description;
  }
}

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

export function invalidBackendOptions(value: unknown): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_INVALID_BACKEND_OPTIONS,
    `createSpecializedBackend got ${describeValue(value)}. Fix: pass { defaultServiceFactories: ServiceFactory[] } (use [] for none).`,
  );
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` '${value.name}'` : ''}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).slice(0, 5);
    return `an object with keys [${keys.join(', ')}]`;
  }
  return `${typeof value} ${JSON.stringify(value)}`;
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
