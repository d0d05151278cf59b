import express, { Router } from 'express';
import { coreServices, createServiceFactory } from '../../api';
import { PluginPermissionsRegistry } from './PluginPermissionsRegistry';

const BASE = '/.well-known/backstage/permissions';

/**
 * Per plugin: the registry, and the two routes the permission plugin calls on it (under the plugin's base path):
 * `GET metadata` (its permissions and rules) and `POST apply-conditions` (conditional decisions for resources).
 */
export const permissionsRegistryServiceFactory = createServiceFactory({
  service: coreServices.permissionsRegistry,
  deps: { plugin: coreServices.pluginMetadata, router: coreServices.httpRouter },
  factory({ plugin, router }) {
    const registry = new PluginPermissionsRegistry(plugin.getId());
    const routes = Router();
    routes.get(`${BASE}/metadata`, (_req, res) => {
      res.json(registry.metadata());
    });
    routes.post(`${BASE}/apply-conditions`, express.json(), async (req, res, next) => {
      try {
        const items = (req.body as { items?: unknown })?.items;
        if (!Array.isArray(items)) {
          res.status(400).json({ error: { name: 'InputError', message: 'apply-conditions needs a body { items: [...] }' } });
          return;
        }
        const results = await Promise.all(
          items.map(async (item: { id: string; resourceRef: string | string[]; resourceType: string; conditions: never }) => {
            const decisions = await registry.applyConditions(item);
            return { id: item.id, result: Array.isArray(item.resourceRef) ? decisions : decisions[0] };
          }),
        );
        res.json({ items: results });
      } catch (error) {
        next(error);
      }
    });
    router.use(routes);
    return registry;
  },
});
