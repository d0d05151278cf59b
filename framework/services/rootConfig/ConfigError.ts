/**
 * Every error about configuration (a missing or mistyped value, an unreadable file, a failed
 * substitution) is a ConfigError, so callers match on `name` / `code` rather than on prose.
 */
export type ConfigErrorCode =
  /** A value exists but has another type than the getter asks for. */
  | 'CONFIG_INVALID_TYPE'
  /** A required value is absent. */
  | 'CONFIG_MISSING_VALUE'
  /** A key passed to a getter is not a valid dotted config path. */
  | 'CONFIG_INVALID_KEY'
  /** A config file could not be read or parsed. */
  | 'CONFIG_READ_FAILED'
  /** `${VAR}`, `$env`, `$file` or `$include` could not be resolved. */
  | 'CONFIG_SUBSTITUTION_FAILED'
  /** An `APP_CONFIG_*` environment override is malformed. */
  | 'CONFIG_INVALID_ENV_OVERRIDE';

export class ConfigError extends Error {
  readonly code: ConfigErrorCode;

  constructor(code: ConfigErrorCode, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/** True for a ConfigError from this or another copy of the package. */
export function isConfigError(error: unknown): error is ConfigError {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConfigError';
}
