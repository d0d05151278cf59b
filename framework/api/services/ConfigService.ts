/** A JSON-like config value. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonObject | JsonValue[];
export type JsonObject = { [key: string]: JsonValue | undefined };

/**
 * A read-only view on configuration, with the method set of Backstage's `Config`.
 * Keys are dot-separated paths (`backend.listen.port`). Typed getters throw an error naming the full key
 * and the file the value came from when the value has another type; `get*` throws when the key is missing,
 * `getOptional*` returns undefined.
 */
export interface Config {
  /** Whether a value exists at the key. */
  has(key: string): boolean;
  /** The keys of the object at this level. */
  keys(): string[];
  /** The raw value at the key (or of the whole view when no key is given). */
  get<T = JsonValue>(key?: string): T;
  getOptional<T = JsonValue>(key?: string): T | undefined;
  getConfig(key: string): Config;
  getOptionalConfig(key: string): Config | undefined;
  getConfigArray(key: string): Config[];
  getOptionalConfigArray(key: string): Config[] | undefined;
  getNumber(key: string): number;
  getOptionalNumber(key: string): number | undefined;
  getBoolean(key: string): boolean;
  getOptionalBoolean(key: string): boolean | undefined;
  getString(key: string): string;
  getOptionalString(key: string): string | undefined;
  getStringArray(key: string): string[];
  getOptionalStringArray(key: string): string[] | undefined;
}

/** The backend's root configuration. */
export interface RootConfigService extends Config {
  /** Called when the configuration changes (file watching); returns an unsubscribe handle. */
  subscribe?(onChange: () => void): { unsubscribe(): void };
}
