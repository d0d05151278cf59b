import type { JsonValue } from './ConfigService';
import type { HumanDuration } from './HumanDuration';

export interface CacheServiceOptions {
  /** Time to live in milliseconds or as a duration object; no TTL means the store's default. */
  defaultTtl?: number | HumanDuration;
}

export interface CacheServiceSetOptions {
  ttl?: number | HumanDuration;
}

/** A key-value cache whose keys are namespaced per plugin. Values must be JSON-serialisable. */
export interface CacheService {
  get<T extends JsonValue>(key: string): Promise<T | undefined>;
  set(key: string, value: JsonValue, options?: CacheServiceSetOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** A view on the same store with other defaults. */
  withOptions(options: CacheServiceOptions): CacheService;
}
