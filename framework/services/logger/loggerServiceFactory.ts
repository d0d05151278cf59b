import { coreServices, createServiceFactory } from '../../api';

/**
 * `core.logger`: the root logger's child carrying `plugin: <pluginId>`. Module loggers are children of
 * this with `module: <moduleId>`, added by the container.
 */
export const loggerServiceFactory = createServiceFactory({
  service: coreServices.logger,
  deps: { rootLogger: coreServices.rootLogger, pluginMetadata: coreServices.pluginMetadata },
  factory({ rootLogger, pluginMetadata }) {
    return rootLogger.child({ plugin: pluginMetadata.getId() });
  },
});
