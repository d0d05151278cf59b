import { alphaServices, coreServices, createServiceFactory, type ActionsRegistryService } from '../../api';
import { createActionsRouter } from './createActionsRouter';
import { PluginActionsRegistry } from './PluginActionsRegistry';

/**
 * The actions one plugin registers (ids `<pluginId>:<name>`), listed and invoked over HTTP under the plugin's
 * base path at `/.backstage/actions/...`, where Backstage's actions service and MCP tooling look for them.
 */
export const actionsRegistryServiceFactory = createServiceFactory({
  service: alphaServices.actionsRegistry,
  deps: {
    plugin: coreServices.pluginMetadata,
    router: coreServices.httpRouter,
    httpAuth: coreServices.httpAuth,
    auth: coreServices.auth,
    logger: coreServices.logger,
    config: coreServices.rootConfig,
    permissions: coreServices.permissions,
    permissionsRegistry: coreServices.permissionsRegistry,
  },
  factory({ plugin, router, httpAuth, auth, logger, config, permissions, permissionsRegistry }): ActionsRegistryService {
    const registry = new PluginActionsRegistry({ pluginId: plugin.getId(), config, logger, permissions, permissionsRegistry });
    router.use(createActionsRouter({ registry, httpAuth, auth }));
    return registry;
  },
});
