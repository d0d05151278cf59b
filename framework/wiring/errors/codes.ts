/**
 * The one table of Forklift's error codes (the container, its services, the legacy bridge and the codemod
 * runner all use it) and the error class that carries them. Each error carries a stable `code`, so tests and
 * users match on codes rather than on prose. The builders of each area's errors live next to this file.
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
