import { coreServices, createBackendPlugin } from 'forklift/framework';
import {
  cacheToPluginCacheManager,
  loggerToWinstonLogger,
} from 'forklift/legacy-bridge';
import { createRouter } from './service/router';

export const settingsPlugin = createBackendPlugin({
  pluginId: 'settings',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, config, cache, httpRouter }) {
        httpRouter.use(
          await createRouter({
            logger: loggerToWinstonLogger(logger),
            config,
            cache: cacheToPluginCacheManager(cache),
          }),
        );
      },
    });
  },
});
