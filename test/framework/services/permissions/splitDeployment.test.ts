/**
 * The permission plugin on one instance, a plugin checking permissions on another: with `permission.enabled`
 * the second instance's permissions service asks the first through discovery, forwarding the caller.
 */
import type { AddressInfo } from 'net';
import request from 'supertest';
import { permissionPlugin } from '../../../../framework';
import { mockServices, startTestBackend, type TestBackend } from '../../../../framework/testing';
import { denyDeletePolicy, policyModule, todoPlugin, type SeenDecision } from './todoFixtures';

const keys = [{ secret: 'permission-split-shared-secret-0123456789' }];
const externalAccess = [{ type: 'static', options: { token: 'ci-token-123456', subject: 'ci' } }];
const urlOf = (backend: TestBackend) => `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;

describe('permissions across instances', () => {
  const seen: SeenDecision[] = [];
  let permissionInstance: TestBackend;
  let todoInstance: TestBackend;

  beforeAll(async () => {
    permissionInstance = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({ data: { backend: { auth: { keys } } } }),
        permissionPlugin,
        policyModule(denyDeletePolicy(seen)),
      ],
    });
    todoInstance = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: { auth: { keys, externalAccess } },
            permission: { enabled: true },
            discovery: { endpoints: [{ target: `${urlOf(permissionInstance)}/api/{{pluginId}}`, plugins: ['permission'] }] },
          },
        }),
        todoPlugin,
      ],
    });
  });

  afterAll(async () => {
    await todoInstance?.stop();
    await permissionInstance?.stop();
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('applies the remote policy: 200 for the allowed permission, 403 for the denied one', async () => {
    await request(todoInstance.server).get('/api/todo/items').set('authorization', 'Bearer ci-token-123456').expect(200);
    await request(todoInstance.server).delete('/api/todo/items/3').set('authorization', 'Bearer ci-token-123456').expect(403);
    // The caller reached the policy as the todo plugin, with a token the other instance verified through the shared keys.
    expect(seen).toEqual([
      { permission: 'todo.item.read', resourceRef: undefined, principal: { type: 'service', subject: 'plugin:todo' } },
      { permission: 'todo.item.delete', resourceRef: 'todo-item:3', principal: { type: 'service', subject: 'plugin:todo' } },
    ]);
  });

  it('forwards a caller without credentials as such', async () => {
    await request(todoInstance.server).delete('/api/todo/items/4').expect(403);
    expect(seen).toEqual([{ permission: 'todo.item.delete', resourceRef: 'todo-item:4', principal: { type: 'none' } }]);
  });

  it('fails closed when the permission instance cannot be reached', async () => {
    const orphan = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            discovery: { endpoints: [{ target: 'http://127.0.0.1:1/api/{{pluginId}}', plugins: ['permission'] }] },
          },
        }),
        todoPlugin,
      ],
    });
    const response = await request(orphan.server).get('/api/todo/items');
    expect(response.status).toBe(500);
    expect(seen).toEqual([]);
    await orphan.stop();
  });

  it('rejects a malformed authorize request with 400', async () => {
    const response = await request(permissionInstance.server)
      .post('/api/permission/authorize')
      .send({ items: [{ id: 1 }] });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('items[0].id must be a string');
  });
});
