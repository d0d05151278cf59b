import { Router } from 'express';
import {
  alphaServices,
  coreServices,
  createServiceFactory,
  type ActionsRegistryActionOptions,
  type ActionsRegistryService,
} from '../../api';

const ACTION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * The actions one plugin registers, listed on `GET /.well-known/backstage/actions/v1/actions` under the plugin's
 * base path (ids are `<pluginId>:<name>`). Invoking actions over HTTP is not offered yet (see the README).
 */
export const actionsRegistryServiceFactory = createServiceFactory({
  service: alphaServices.actionsRegistry,
  deps: { plugin: coreServices.pluginMetadata, router: coreServices.httpRouter },
  factory({ plugin, router }): ActionsRegistryService {
    const pluginId = plugin.getId();
    const actions = new Map<string, ActionsRegistryActionOptions<never, unknown>>();
    const routes = Router();
    routes.get('/.well-known/backstage/actions/v1/actions', (_req, res) => {
      res.json({
        actions: [...actions.values()].map((a) => ({
          id: `${pluginId}:${a.name}`,
          pluginId,
          name: a.name,
          title: a.title,
          description: a.description,
          attributes: {
            readOnly: a.attributes?.readOnly ?? false,
            destructive: a.attributes?.destructive ?? true,
            idempotent: a.attributes?.idempotent ?? false,
          },
        })),
      });
    });
    router.use(routes);
    return {
      register(options) {
        if (!options || typeof options.name !== 'string' || !ACTION_NAME.test(options.name)) {
          throw new TypeError(`actionsRegistry.register in plugin '${pluginId}' needs a kebab-case name, got '${options?.name}'`);
        }
        if (typeof options.action !== 'function') {
          throw new TypeError(`action '${options.name}' of plugin '${pluginId}' needs an action function`);
        }
        if (actions.has(options.name)) {
          throw new Error(`action '${options.name}' is already registered by plugin '${pluginId}'; action names are unique per plugin`);
        }
        actions.set(options.name, options as unknown as ActionsRegistryActionOptions<never, unknown>);
      },
    };
  },
});
