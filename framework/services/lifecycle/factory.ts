import { coreServices, createServiceFactory } from '../../api';
import { PluginLifecycle } from './PluginLifecycle';

export const lifecycleServiceFactory = createServiceFactory({
  service: coreServices.lifecycle,
  deps: { rootLifecycle: coreServices.rootLifecycle, logger: coreServices.logger, pluginMetadata: coreServices.pluginMetadata },
  factory: ({ rootLifecycle, logger, pluginMetadata }) => new PluginLifecycle(pluginMetadata.getId(), rootLifecycle, logger),
});
