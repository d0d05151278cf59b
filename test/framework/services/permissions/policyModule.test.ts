/**
 * A policy supplied by a module of the permission plugin, applied by the permissions service of another
 * plugin, end to end over HTTP.
 */
import request from 'supertest';
import { AuthorizeResult, coreServices, createBackendPlugin, permissionPlugin } from '../../../../framework';
import { startTestBackend } from '../../../../framework/testing';
import { deleteItem, denyDeletePolicy, policyModule, todoPlugin, type SeenDecision } from './todoFixtures';

const decisions: SeenDecision[] = [];
const denyDeleteModule = policyModule(denyDeletePolicy(decisions));

describe('permission policy from a module', () => {
  it('denies the one permission the policy denies (403) and allows another (200)', async () => {
    const backend = await startTestBackend({ features: [todoPlugin, permissionPlugin, denyDeleteModule] });
    await request(backend.server)
      .get('/api/todo/items')
      .expect(200, { items: ['milk'] });
    const denied = await request(backend.server).delete('/api/todo/items/7').expect(403);
    expect(JSON.stringify(denied.body)).toContain('not allowed: todo.item.delete');
    expect(decisions).toEqual([
      { permission: 'todo.item.read', resourceRef: undefined, principal: { type: 'none' } },
      { permission: 'todo.item.delete', resourceRef: 'todo-item:7', principal: { type: 'none' } },
    ]);
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

  it("applies the policy to a check made during another plugin's init, before the permission plugin has initialised", async () => {
    let duringInit: string | undefined;
    const early = createBackendPlugin({
      pluginId: 'early',
      register(env) {
        env.registerInit({
          deps: { permissions: coreServices.permissions, auth: coreServices.auth },
          async init({ permissions, auth }) {
            const [decision] = await permissions.authorize([{ permission: deleteItem }], {
              credentials: await auth.getOwnServiceCredentials(),
            });
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
    const second = policyModule(denyDeletePolicy(), 'second-policy');
    await expect(startTestBackend({ features: [todoPlugin, permissionPlugin, denyDeleteModule, second] })).rejects.toThrow(
      /only one module may call policyExtensionPoint\.setPolicy/,
    );
  });
});
