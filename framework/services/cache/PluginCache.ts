import type { CacheService, CacheServiceOptions, CacheServiceSetOptions, JsonValue } from '../../api';
import type { CacheStore } from './CacheStore';
import { findNonJson } from './assertJsonValue';
import { ttlToMs } from './ttl';

/** One plugin's view on the shared store: every key is prefixed with `<pluginId>:` so plugins never collide. */
export class PluginCache implements CacheService {
  constructor(
    private readonly store: CacheStore,
    private readonly pluginId: string,
    private readonly defaultTtlMs: number | undefined,
  ) {}

  async get<T extends JsonValue>(key: string): Promise<T | undefined> {
    const raw = await this.store.get(this.storeKey(key));
    if (raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as T;
    } catch {
      throw new Error(
        `Cache entry '${key}' of plugin '${this.pluginId}' is not valid JSON; was it written by something other than the cache service?`,
      );
    }
  }

  async set(key: string, value: JsonValue, options: CacheServiceSetOptions = {}): Promise<void> {
    const storeKey = this.storeKey(key);
    const bad = findNonJson(value);
    if (bad) {
      throw new TypeError(
        `Cache value for key '${key}' of plugin '${this.pluginId}' is not JSON-serialisable: ${bad.path} is ${bad.problem}; ` +
          'store plain objects, arrays, strings, finite numbers, booleans or null (e.g. a Date as date.toISOString())',
      );
    }
    const ttlMs = options.ttl === undefined ? this.defaultTtlMs : ttlToMs(options.ttl, `the ttl of cache key '${key}'`);
    await this.store.set(storeKey, JSON.stringify(value), ttlMs);
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(this.storeKey(key));
  }

  withOptions(options: CacheServiceOptions): CacheService {
    const defaultTtlMs = options.defaultTtl === undefined ? this.defaultTtlMs : ttlToMs(options.defaultTtl, 'the cache defaultTtl');
    return new PluginCache(this.store, this.pluginId, defaultTtlMs);
  }

  private storeKey(key: string): string {
    if (typeof key !== 'string' || key.length === 0) {
      throw new TypeError(`Invalid cache key ${JSON.stringify(key)} for plugin '${this.pluginId}': use a non-empty string`);
    }
    return `${this.pluginId}:${key}`;
  }
}
