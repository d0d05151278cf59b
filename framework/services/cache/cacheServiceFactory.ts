import { coreServices, createServiceFactory } from '../../api';
import { CacheManager } from './CacheManager';

/** core.cache: one store per backend from `backend.cache`, keys namespaced per plugin; closed at root shutdown. */
export const cacheServiceFactory = createServiceFactory({
  service: coreServices.cache,
  deps: {
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
    rootLifecycle: coreServices.rootLifecycle,
    pluginMetadata: coreServices.pluginMetadata,
  },
  createRootContext({ config, rootLogger, rootLifecycle }) {
    const manager = CacheManager.fromConfig(config, { logger: rootLogger });
    rootLifecycle.addShutdownHook(() => manager.close());
    return manager;
  },
  factory({ pluginMetadata }, manager) {
    return manager.forPlugin(pluginMetadata.getId());
  },
});
