/** A todo plugin whose routes check permissions, and a policy module denying one permission. */
import { Router } from 'express';
import {
  AuthorizeResult,
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createPermission,
  NotAllowedError,
  policyExtensionPoint,
  type BackstageCredentials,
  type PermissionPolicy,
} from '../../../../framework';

export const readItems = createPermission({ name: 'todo.item.read', attributes: { action: 'read' } });
export const deleteItem = createPermission({ name: 'todo.item.delete', attributes: { action: 'delete' }, resourceType: 'todo-item' });

/** `GET /items` needs todo.item.read; `DELETE /items/:id` needs todo.item.delete on that item. */
export const todoPlugin = createBackendPlugin({
  pluginId: 'todo',
  register(env) {
    env.registerInit({
      deps: { router: coreServices.httpRouter, permissions: coreServices.permissions, httpAuth: coreServices.httpAuth },
      async init({ router, permissions, httpAuth }) {
        const routes = Router();
        routes.get('/items', async (req, res, next) => {
          try {
            const [decision] = await permissions.authorize([{ permission: readItems }], { credentials: await httpAuth.credentials(req) });
            if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not allowed: ${readItems.name}`);
            res.json({ items: ['milk'] });
          } catch (error) {
            next(error);
          }
        });
        routes.delete('/items/:id', async (req, res, next) => {
          try {
            const [decision] = await permissions.authorize([{ permission: deleteItem, resourceRef: `todo-item:${req.params.id}` }], {
              credentials: await httpAuth.credentials(req),
            });
            if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not allowed: ${deleteItem.name}`);
            res.json({ deleted: req.params.id });
          } catch (error) {
            next(error);
          }
        });
        router.use(routes);
        router.addAuthPolicy({ path: '/items', allow: 'unauthenticated' });
      },
    });
  },
});

export interface SeenDecision {
  permission: string;
  resourceRef?: string;
  principal: unknown;
}

/** A policy denying todo.item.delete and allowing the rest, recording what it was asked into `seen`. */
export function denyDeletePolicy(seen: SeenDecision[] = []): PermissionPolicy {
  return {
    async handle({ permission, resourceRef }, { credentials }: { credentials: BackstageCredentials }) {
      seen.push({ permission: permission.name, resourceRef, principal: credentials.principal });
      return { result: permission.name === deleteItem.name ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
    },
  };
}

export function policyModule(policy: PermissionPolicy, moduleId = 'deny-delete-policy') {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { policy: policyExtensionPoint },
        async init({ policy: extension }) {
          extension.setPolicy(policy);
        },
      });
    },
  });
}
