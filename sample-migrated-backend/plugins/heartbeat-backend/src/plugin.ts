import { coreServices, createBackendPlugin } from 'forklift/framework';
import { loggerToWinstonLogger } from 'forklift/legacy-bridge';
import { createRouter } from './service/router';

export const heartbeatPlugin = createBackendPlugin({
  pluginId: 'heartbeat',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, config, scheduler, httpRouter }) {
        httpRouter.use(
          await createRouter({
            logger: loggerToWinstonLogger(logger),
            config,
            scheduler,
          }),
        );
      },
    });
  },
});
