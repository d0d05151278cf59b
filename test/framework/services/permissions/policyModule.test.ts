/**
 * A policy supplied by a module of the permission plugin, applied by the permissions service of another
 * plugin, end to end over HTTP.
 */
import { Router } from 'express';
import request from 'supertest';
import {
  AuthorizeResult,
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createPermission,
  NotAllowedError,
  permissionPlugin,
  policyExtensionPoint,
  type PermissionPolicy,
} from '../../../../framework';
import { startTestBackend } from '../../../../framework/testing';

const readItems = createPermission({ name: 'todo.item.read', attributes: { action: 'read' } });
const deleteItem = createPermission({ name: 'todo.item.delete', attributes: { action: 'delete' }, resourceType: 'todo-item' });

/** `GET /items` needs todo.item.read; `DELETE /items/:id` needs todo.item.delete on that item. */
const todoPlugin = createBackendPlugin({
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

const decisions: Array<{ permission: string; resourceRef?: string }> = [];
const denyDeletePolicy: PermissionPolicy = {
  async handle({ permission, resourceRef }) {
    decisions.push({ permission: permission.name, resourceRef });
    return { result: permission.name === 'todo.item.delete' ? AuthorizeResult.DENY : AuthorizeResult.ALLOW };
  },
};

const denyDeleteModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'deny-delete-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(denyDeletePolicy);
      },
    });
  },
});

describe('permission policy from a module', () => {
  it('denies the one permission the policy denies (403) and allows another (200)', async () => {
    const backend = await startTestBackend({ features: [todoPlugin, permissionPlugin, denyDeleteModule] });
    await request(backend.server).get('/api/todo/items').expect(200, { items: ['milk'] });
    const denied = await request(backend.server).delete('/api/todo/items/7').expect(403);
    expect(JSON.stringify(denied.body)).toContain('not allowed: todo.item.delete');
    expect(decisions).toEqual([{ permission: 'todo.item.read' }, { permission: 'todo.item.delete', resourceRef: 'todo-item:7' }]);
    await backend.stop();
  });

  it('allows everything with the permission plugin but no policy module', async () => {
    const backend = await startTestBackend({ features: [todoPlugin, permissionPlugin] });
    await request(backend.server).get('/api/todo/items').expect(200);
    await request(backend.server).delete('/api/todo/items/7').expect(200, { deleted: '7' });
    await backend.stop();
  });

  it('allows everything without the permission plugin', async () => {
    const backend = await startTestBackend({ features: [todoPlugin] });
    await request(backend.server).delete('/api/todo/items/7').expect(200, { deleted: '7' });
    await backend.stop();
  });

  it('applies the policy to a check made during another plugin\'s init, before the permission plugin has initialised', async () => {
    let duringInit: string | undefined;
    const early = createBackendPlugin({
      pluginId: 'early',
      register(env) {
        env.registerInit({
          deps: { permissions: coreServices.permissions, auth: coreServices.auth },
          async init({ permissions, auth }) {
            const [decision] = await permissions.authorize([{ permission: deleteItem }], { credentials: await auth.getOwnServiceCredentials() });
            duringInit = decision.result;
          },
        });
      },
    });
    const backend = await startTestBackend({ features: [early, permissionPlugin, denyDeleteModule] });
    expect(duringInit).toBe(AuthorizeResult.DENY);
    await backend.stop();
  });

  it('refuses a second policy module with an error naming the fix', async () => {
    const second = createBackendModule({
      pluginId: 'permission',
      moduleId: 'second-policy',
      register(env) {
        env.registerInit({ deps: { policy: policyExtensionPoint }, async init({ policy }) { policy.setPolicy(denyDeletePolicy); } });
      },
    });
    await expect(startTestBackend({ features: [todoPlugin, permissionPlugin, denyDeleteModule, second] })).rejects.toThrow(
      /only one module may call policyExtensionPoint\.setPolicy/,
    );
  });
});
