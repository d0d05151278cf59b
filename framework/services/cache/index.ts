/** `core.cache`: a per-plugin namespaced cache on memory (default) or Redis. */
export { cacheServiceFactory } from './cacheServiceFactory';
export { CacheManager } from './CacheManager';
export { redisHostLabel } from './RedisStore';
