/**
 * The root context of core.cache: one store per backend (memory, or one Redis client), shared by every plugin.
 * The legacy bridge's CacheManager is a face over this class.
 */
import type { CacheService, Config, LoggerService } from '../../api';
import type { CacheStore } from './CacheStore';
import { MemoryStore } from './MemoryStore';
import { RedisStore } from './RedisStore';
import { CacheCircuit } from './CacheCircuit';
import { readDurationMs } from '../durations';
import { PluginCache } from './PluginCache';
import { ttlToMs } from './ttl';

/** Bounds for a remote store, so an outage costs a call at most this long, and only until the circuit opens. */
const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;
/** How often an unreachable store is probed (and the longest wait between reconnection attempts). */
const DEFAULT_RETRY_INTERVAL_MS = 2_000;

export class CacheManager {
  static fromConfig(config: Config, options: { logger?: LoggerService } = {}): CacheManager {
    const store = config.getOptionalString('backend.cache.store') ?? 'memory';
    const rawTtl = config.getOptional('backend.cache.defaultTtl');
    const defaultTtlMs = rawTtl === undefined ? undefined : ttlToMs(rawTtl, "config key 'backend.cache.defaultTtl'");
    if (store === 'memory') return new CacheManager(new MemoryStore(), defaultTtlMs);
    if (store === 'redis') {
      const retryIntervalMs = readDurationMs(config, 'backend.cache.retryInterval', DEFAULT_RETRY_INTERVAL_MS);
      const connection = config.getOptionalString('backend.cache.connection');
      if (!connection) {
        throw new Error("Missing config key 'backend.cache.connection': the 'redis' cache store needs a URL such as redis://host:6379");
      }
      const store = new RedisStore(connection, {
        connectTimeoutMs: readDurationMs(config, 'backend.cache.connectTimeout', DEFAULT_CONNECT_TIMEOUT_MS),
        commandTimeoutMs: readDurationMs(config, 'backend.cache.commandTimeout', DEFAULT_COMMAND_TIMEOUT_MS),
        maxReconnectDelayMs: retryIntervalMs,
      });
      return new CacheManager(new CacheCircuit(store, { retryIntervalMs, logger: options.logger }), defaultTtlMs);
    }
    throw new Error(`Invalid value for config key 'backend.cache.store': '${store}' is not supported; use 'memory' or 'redis'`);
  }

  private constructor(
    private readonly store: CacheStore,
    private readonly defaultTtlMs: number | undefined,
  ) {}

  forPlugin(pluginId: string): CacheService {
    return new PluginCache(this.store, pluginId, this.defaultTtlMs);
  }

  /** Closes the store (the Redis connection); called once at backend shutdown. */
  close(): Promise<void> {
    return this.store.close();
  }
}
