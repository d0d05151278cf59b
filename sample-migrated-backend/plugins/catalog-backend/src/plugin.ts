import { coreServices, createBackendPlugin } from 'forklift/framework';
import { loggerToWinstonLogger } from 'forklift/legacy-bridge';
import { catalogProcessingExtensionPoint } from './extensions';
import { CatalogBuilder } from './service/CatalogBuilder';
import { CatalogProcessor } from './types';

/**
 * The catalog in the new backend system. Processors come from modules through
 * `catalogProcessingExtensionPoint` instead of from the backend calling `builder.addProcessor(...)`.
 */
export const catalogPlugin = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    const processors: CatalogProcessor[] = [];
    env.registerExtensionPoint(catalogProcessingExtensionPoint, {
      addProcessor(...added) {
        processors.push(...added.flat());
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
      },
      async init({ logger, config, database, httpRouter }) {
        const builder = await CatalogBuilder.create({
          logger: loggerToWinstonLogger(logger),
          config,
          database,
        });
        builder.addProcessor(...processors);
        const { router } = await builder.build();
        httpRouter.use(router);
        // The legacy catalog had no authentication and the other plugins of this sample are still forklifted
        // (open by default), so the catalog stays open too: the sample must answer exactly as before.
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      },
    });
  },
});
