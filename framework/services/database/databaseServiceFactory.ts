import { coreServices, createServiceFactory } from '../../api';
import { DatabaseManager } from './DatabaseManager';

/** core.database: each plugin's own knex client, from `backend.database`; closed in the plugin's shutdown hook. */
export const databaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    lifecycle: coreServices.lifecycle,
    pluginMetadata: coreServices.pluginMetadata,
  },
  createRootContext({ config }) {
    return DatabaseManager.fromConfig(config);
  },
  factory({ logger, lifecycle, pluginMetadata }, manager) {
    return manager.forPlugin(pluginMetadata.getId(), { logger, lifecycle });
  },
});
