import { Router } from 'express';
import request from 'supertest';
import { coreServices, createBackendPlugin } from '../../../../framework';
import { mockCredentials, mockServices, startTestBackend, type TestBackend } from '../../../../framework/testing';

const whoamiPlugin = createBackendPlugin({
  pluginId: 'todo',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        auth: coreServices.auth,
      },
      async init({ httpRouter, httpAuth, userInfo, auth }) {
        const router = Router();
        router.get('/whoami', async (req, res, next) => {
          try {
            res.json((await httpAuth.credentials(req)).principal);
          } catch (error) {
            next(error);
          }
        });
        router.get('/me', async (req, res, next) => {
          try {
            res.json(await userInfo.getUserInfo(await httpAuth.credentials(req, { allow: ['user'] })));
          } catch (error) {
            next(error);
          }
        });
        router.get('/token-for/:target', async (req, res) => {
          res.json(
            await auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: req.params.target }),
          );
        });
        httpRouter.use(router);
      },
    });
  },
});

describe('mockCredentials', () => {
  it('makes credentials of each kind', () => {
    expect(mockCredentials.user().principal).toEqual({ type: 'user', userEntityRef: 'user:default/mock' });
    expect(mockCredentials.user('user:default/jane').principal).toEqual({ type: 'user', userEntityRef: 'user:default/jane' });
    expect(mockCredentials.service().principal).toEqual({ type: 'service', subject: 'external:test-service' });
    expect(mockCredentials.none().principal).toEqual({ type: 'none' });
    expect(mockCredentials.user.header('user:default/jane')).toBe('Bearer mock-user-token:{"sub":"user:default/jane"}');
    expect(mockCredentials.none.header()).toBeUndefined();
  });
});

describe('mockServices.auth', () => {
  it('reads mock tokens back into the credentials they stand for', async () => {
    const auth = mockServices.auth({ pluginId: 'todo' });
    await expect(auth.authenticate(mockCredentials.user.token('user:default/jane'))).resolves.toEqual(
      mockCredentials.user('user:default/jane'),
    );
    await expect(auth.authenticate(mockCredentials.service.token())).resolves.toEqual(mockCredentials.service());
    await expect(auth.authenticate(mockCredentials.user.invalidToken())).rejects.toThrow('Invalid mock token');
    await expect(auth.authenticate('a-real-looking-token')).rejects.toThrow("Unknown mock token 'a-real-looking-token'");
    const { token } = await auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: 'catalog' });
    await expect(mockServices.auth({ pluginId: 'catalog' }).authenticate(token)).resolves.toEqual(mockCredentials.service('plugin:todo'));
    await expect(mockServices.auth({ pluginId: 'other' }).authenticate(token)).rejects.toThrow(
      "Invalid mock token: it is addressed to plugin 'catalog', not to 'other'",
    );
  });

  it('has a jest mock form', async () => {
    const auth = mockServices.auth.mock({ getOwnServiceCredentials: async () => mockCredentials.service('plugin:x') });
    await expect(auth.getOwnServiceCredentials()).resolves.toEqual(mockCredentials.service('plugin:x'));
    expect(auth.getOwnServiceCredentials).toHaveBeenCalledTimes(1);
  });
});

describe('mock auth services in a test backend', () => {
  let backend: TestBackend;
  afterEach(() => backend?.stop());

  it('takes mock headers, and gives defaultCredentials to requests without one', async () => {
    backend = await startTestBackend({
      features: [whoamiPlugin, mockServices.auth.factory(), mockServices.httpAuth.factory(), mockServices.userInfo.factory()],
    });
    await request(backend.server).get('/api/todo/whoami').expect(200, { type: 'user', userEntityRef: 'user:default/mock' });
    await request(backend.server)
      .get('/api/todo/whoami')
      .set('Authorization', mockCredentials.service.header({ subject: 'external:ci' }))
      .expect(200, { type: 'service', subject: 'external:ci' });
    await request(backend.server)
      .get('/api/todo/me')
      .set('Authorization', mockCredentials.user.header('user:default/jane'))
      .expect(200, { userEntityRef: 'user:default/jane', ownershipEntityRefs: ['user:default/jane'] });
    const invalid = await request(backend.server).get('/api/todo/whoami').set('Authorization', mockCredentials.user.invalidHeader());
    expect(invalid.status).toBe(401);
    const { body } = await request(backend.server).get('/api/todo/token-for/catalog');
    expect(body.token).toBe(mockCredentials.service.token({ subject: 'plugin:todo', targetPluginId: 'catalog' }));
  });

  it('with defaultCredentials none, the default deny answers 401', async () => {
    backend = await startTestBackend({
      features: [whoamiPlugin, mockServices.auth.factory(), mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() })],
    });
    const res = await request(backend.server).get('/api/todo/whoami');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ name: 'AuthenticationError', message: 'Missing credentials' });
    await request(backend.server).get('/api/todo/whoami').set('Authorization', mockCredentials.user.header()).expect(200);
  });
});
