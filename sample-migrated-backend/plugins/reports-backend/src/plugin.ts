import { coreServices, createBackendPlugin } from 'forklift/framework';
import {
  legacyTokenManagerServiceRef,
  loggerToWinstonLogger,
} from 'forklift/legacy-bridge';
import { createRouter } from './service/router';

export const reportsPlugin = createBackendPlugin({
  pluginId: 'reports',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        tokenManager: legacyTokenManagerServiceRef,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, discovery, tokenManager, httpRouter }) {
        // TODO(forklift): `tokenManager` (TokenManager) comes from the legacy bridge for now; the new backend system has no token manager; issue and check service tokens with `auth` and read request credentials with `httpAuth`.
        httpRouter.use(
          await createRouter({
            logger: loggerToWinstonLogger(logger),
            discovery,
            tokenManager,
          }),
        );
      },
    });
  },
});
