import type { CacheService } from '../../framework/api';
import type { PluginCacheManager } from '../types';

/** The legacy `PluginCacheManager` over the new cache service: one store, the same per-plugin namespace. */
export function cacheToPluginCacheManager(cache: CacheService): PluginCacheManager {
  return {
    getClient(options = {}) {
      return options.defaultTtl === undefined ? cache : cache.withOptions({ defaultTtl: options.defaultTtl });
    },
  };
}
