import type { JsonValue } from './ConfigService';
import type { HumanDuration } from './HumanDuration';

export interface CacheServiceOptions {
  /**
   * Time to live: milliseconds, a duration object or a duration string ('5s', 'PT5S'), read like every other
   * duration; no TTL means the store's default.
   */
  defaultTtl?: number | HumanDuration | string;
}

export interface CacheServiceSetOptions {
  /** Milliseconds, a duration object or a duration string, as for `defaultTtl`. */
  ttl?: number | HumanDuration | string;
}

/** A key-value cache whose keys are namespaced per plugin. Values must be JSON-serialisable. */
export interface CacheService {
  get<T extends JsonValue>(key: string): Promise<T | undefined>;
  set(key: string, value: JsonValue, options?: CacheServiceSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** A view on the same store with other defaults. */
  withOptions(options: CacheServiceOptions): CacheService;
}
