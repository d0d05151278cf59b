/** Where cache entries live. Values arrive already serialised; keys already carry the plugin namespace. */
export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  /** `ttlMs` undefined means the entry never expires. */
  set(key: string, value: string, ttlMs: number | undefined): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
