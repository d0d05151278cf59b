import type { Config, JsonObject, JsonValue, RootConfigService } from '../../api';
import { ConfigError } from './ConfigError';
import { type ConfigLayer, descendLayers, isObject, mergeValues, readLayers } from './configLayers';

/** One input of `ConfigReader.fromConfigs`. */
export interface ConfigSource {
  data: JsonObject;
  /** Where the data came from, for error messages (e.g. `app-config.yaml`). */
  context?: string;
}

// Same shape as Backstage's key rule: dot-separated parts of letters, digits, '-' and '_'.
const KEY_PART = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/i;

type Expected = 'number' | 'boolean' | 'string' | 'object' | 'array';

/**
 * A read-only view on layered configuration with the method set of Backstage's `Config`.
 * Every error names the full key from the root (also from a sub-config) and the source of the value.
 */
export class ConfigReader implements RootConfigService {
  /** Merges several sources; later sources win (objects deep-merge, arrays and scalars replace). */
  static fromConfigs(configs: ConfigSource[]): ConfigReader {
    return ConfigReader.fromLayers(
      configs.map((c) => ({ data: c.data ?? {}, context: c.context })),
      '',
    );
  }

  private static fromLayers(layers: ConfigLayer[], prefix: string): ConfigReader {
    // Sub-configs share the parent's layers; the public constructor only takes plain data.
    const reader = Object.create(ConfigReader.prototype) as { layers: ConfigLayer[]; prefix: string };
    reader.layers = layers;
    reader.prefix = prefix;
    return reader as unknown as ConfigReader;
  }

  private readonly layers: ConfigLayer[];
  private readonly prefix: string;

  constructor(data: JsonObject | undefined, context?: string) {
    if (data !== undefined && !isObject(data)) {
      throw new ConfigError(
        'CONFIG_INVALID_TYPE',
        `Invalid config data${context ? ` in '${context}'` : ''}: the root must be an object, got ${typeName(data)}`,
      );
    }
    this.layers = [{ data: data ?? {}, context }];
    this.prefix = '';
  }

  has(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  keys(): string[] {
    const seen = new Set<string>();
    for (const layer of this.layers) {
      for (const key of Object.keys(layer.data)) seen.add(key);
    }
    return [...seen].filter((key) => readLayers(this.layers, key) !== undefined);
  }

  get<T = JsonValue>(key?: string): T {
    const value = this.getOptional<T>(key);
    if (value === undefined) throw this.missing(key ?? '');
    return value;
  }

  getOptional<T = JsonValue>(key?: string): T | undefined {
    if (key === undefined) {
      return mergeValues(this.layers.map((l) => l.data)) as T;
    }
    return this.lookup(key)?.value as T | undefined;
  }

  getConfig(key: string): Config {
    const config = this.getOptionalConfig(key);
    if (!config) throw this.missing(key);
    return config;
  }

  getOptionalConfig(key: string): Config | undefined {
    const found = this.lookup(key);
    if (!found) return undefined;
    if (!isObject(found.value)) throw this.invalid(key, found.value, 'object', found.context);
    const parts = key.split('.');
    let layers = this.layers;
    for (const part of parts) layers = descendLayers(layers, part);
    return ConfigReader.fromLayers(layers, this.fullKey(key));
  }

  getConfigArray(key: string): Config[] {
    const configs = this.getOptionalConfigArray(key);
    if (!configs) throw this.missing(key);
    return configs;
  }

  getOptionalConfigArray(key: string): Config[] | undefined {
    const found = this.lookup(key);
    if (!found) return undefined;
    if (!Array.isArray(found.value)) throw this.invalid(key, found.value, 'array', found.context);
    return found.value.map((item, index) => {
      const itemKey = `${key}[${index}]`;
      if (!isObject(item)) throw this.invalid(itemKey, item, 'object', found.context);
      return ConfigReader.fromLayers([{ data: item, context: found.context }], this.fullKey(itemKey));
    });
  }

  getNumber(key: string): number {
    return this.required(key, this.getOptionalNumber(key));
  }

  getOptionalNumber(key: string): number | undefined {
    const found = this.lookup(key);
    if (!found) return undefined;
    const { value } = found;
    if (typeof value === 'number') return value;
    // Values from ${VAR} substitution and env overrides arrive as strings; numeric ones are accepted.
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    throw this.invalid(key, value, 'number', found.context);
  }

  getBoolean(key: string): boolean {
    return this.required(key, this.getOptionalBoolean(key));
  }

  getOptionalBoolean(key: string): boolean | undefined {
    const found = this.lookup(key);
    if (!found) return undefined;
    const { value } = found;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim();
      if (/^(?:true|yes|y|on|1)$/i.test(text)) return true;
      if (/^(?:false|no|n|off|0)$/i.test(text)) return false;
    }
    throw this.invalid(key, value, 'boolean', found.context);
  }

  getString(key: string): string {
    return this.required(key, this.getOptionalString(key));
  }

  getOptionalString(key: string): string | undefined {
    const found = this.lookup(key);
    if (!found) return undefined;
    if (typeof found.value !== 'string' || found.value === '') throw this.invalid(key, found.value, 'string', found.context);
    return found.value;
  }

  getStringArray(key: string): string[] {
    return this.required(key, this.getOptionalStringArray(key));
  }

  getOptionalStringArray(key: string): string[] | undefined {
    const found = this.lookup(key);
    if (!found) return undefined;
    if (!Array.isArray(found.value)) throw this.invalid(key, found.value, 'array', found.context);
    return found.value.map((item, index) => {
      if (typeof item !== 'string' || item === '') throw this.invalid(`${key}[${index}]`, item, 'string', found.context);
      return item;
    });
  }

  /** Walks the dotted key through the layers; undefined when absent or explicitly null. */
  private lookup(key: string): { value: JsonValue; context?: string } | undefined {
    const parts = this.splitKey(key);
    let layers = this.layers;
    for (const part of parts.slice(0, -1)) {
      layers = descendLayers(layers, part);
      if (layers.length === 0) return undefined;
    }
    return readLayers(layers, parts[parts.length - 1]);
  }

  private splitKey(key: string): string[] {
    const parts = typeof key === 'string' ? key.split('.') : [];
    if (parts.length === 0 || !parts.every((p) => KEY_PART.test(p))) {
      throw new ConfigError(
        'CONFIG_INVALID_KEY',
        `Invalid config key '${this.fullKey(String(key))}': use dot-separated parts of letters, digits, '-' and '_', each starting with a letter (e.g. 'backend.listen.port')`,
      );
    }
    return parts;
  }

  private required<T>(key: string, value: T | undefined): T {
    if (value === undefined) throw this.missing(key);
    return value;
  }

  private fullKey(key: string): string {
    if (!this.prefix) return key;
    if (!key) return this.prefix;
    return `${this.prefix}.${key}`;
  }

  private missing(key: string): ConfigError {
    const contexts = [...new Set(this.layers.map((l) => l.context).filter((c): c is string => Boolean(c)))];
    const where = contexts.length > 0 ? ` in ${contexts.map((c) => `'${c}'`).join(', ')}` : '';
    return new ConfigError('CONFIG_MISSING_VALUE', `Missing required config value at '${this.fullKey(key)}'${where}`);
  }

  private invalid(key: string, value: unknown, expected: Expected, context: string | undefined): ConfigError {
    const where = context ? ` in '${context}'` : '';
    return new ConfigError(
      'CONFIG_INVALID_TYPE',
      `Invalid type in config for key '${this.fullKey(key)}'${where}, got ${typeName(value)}, wanted ${expected}`,
    );
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value === '') return 'empty-string';
  return typeof value;
}
