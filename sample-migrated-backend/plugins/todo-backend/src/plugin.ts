import { coreServices, createBackendPlugin } from 'forklift/framework';
import { loggerToWinstonLogger } from 'forklift/legacy-bridge';
import { createRouter } from './service/router';

export const todoPlugin = createBackendPlugin({
  pluginId: 'todo',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, database, httpRouter }) {
        httpRouter.use(
          await createRouter({
            logger: loggerToWinstonLogger(logger),
            database,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
