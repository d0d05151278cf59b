/** The HTTP layer and auth inside a real backend (container, default factories, real sockets). */
import { Router } from 'express';
import request from 'supertest';
import { coreServices, createBackendPlugin } from '../../../../framework';
import { mockServices, startTestBackend, TEST_CONFIG, type TestBackend } from '../../../../framework/testing';
import { issueUserToken } from '../../../../framework/services/auth';
import { createRootHttpRouterServiceFactory, type HttpServer } from '../../../../framework/services/rootHttpRouter';

const SECRET = 'backend-test-shared-secret-123456';

const config = (extra: object = {}) =>
  mockServices.rootConfig.factory({
    data: { ...TEST_CONFIG, backend: { ...(TEST_CONFIG.backend as object), auth: { keys: [{ secret: SECRET }] }, ...extra } },
  });

const todoPlugin = createBackendPlugin({
  pluginId: 'todo',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, httpAuth: coreServices.httpAuth, userInfo: coreServices.userInfo },
      async init({ httpRouter, httpAuth, userInfo }) {
        const router = Router();
        router.get('/public/ping', (_req, res) => res.json({ pong: true }));
        router.get('/items', async (req, res) => {
          const credentials = await httpAuth.credentials(req);
          res.json({ principal: credentials.principal });
        });
        router.get('/me', async (req, res, next) => {
          try {
            res.json(await userInfo.getUserInfo(await httpAuth.credentials(req, { allow: ['user'] })));
          } catch (error) {
            next(error);
          }
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/public', allow: 'unauthenticated' });
      },
    });
  },
});

/** Calls `todo` on another backend with a plugin token minted here. */
const callerPlugin = (todoUrl: () => string) =>
  createBackendPlugin({
    pluginId: 'caller',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, auth: coreServices.auth },
        async init({ httpRouter, auth }) {
          const router = Router();
          router.get('/relay', async (_req, res, next) => {
            try {
              const { token } = await auth.getPluginRequestToken({
                onBehalfOf: await auth.getOwnServiceCredentials(),
                targetPluginId: 'todo',
              });
              const upstream = await fetch(`${todoUrl()}/api/todo/items`, { headers: { authorization: `Bearer ${token}` } });
              res.status(upstream.status).json(await upstream.json());
            } catch (error) {
              next(error);
            }
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/relay', allow: 'unauthenticated' });
        },
      });
    },
  });

describe('HTTP and auth in a started backend', () => {
  let a: TestBackend;
  afterEach(async () => {
    await a?.stop();
  });

  it('serves plugin routes under /api/<id>, default-deny, with open health endpoints', async () => {
    a = await startTestBackend({ features: [todoPlugin, config()] });
    await request(a.server).get('/api/todo/public/ping').expect(200, { pong: true });
    const denied = await request(a.server).get('/api/todo/items');
    expect(denied.status).toBe(401);
    expect(denied.body.error.name).toBe('AuthenticationError');
    await request(a.server).get('/.backstage/health/v1/readiness').expect(200);
    await request(a.server).get('/.backstage/health/v1/liveness').expect(200);
    await request(a.server).get('/api/unknown').expect(404);
  });

  it('accepts user tokens and serves userInfo from them', async () => {
    a = await startTestBackend({ features: [todoPlugin, config()] });
    const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane', ownershipEntityRefs: ['group:default/a'] });
    await request(a.server)
      .get('/api/todo/me')
      .set('Authorization', `Bearer ${token}`)
      .expect(200, { userEntityRef: 'user:default/jane', ownershipEntityRefs: ['group:default/a'] });
  });

  it('a plugin in one backend calls a plugin in another with a service token over shared keys', async () => {
    a = await startTestBackend({ features: [todoPlugin, config()] });
    const address = a.server.address() as { port: number };
    const b = await startTestBackend({ features: [callerPlugin(() => `http://127.0.0.1:${address.port}`), config()] });
    try {
      const res = await request(b.server).get('/api/caller/relay');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ principal: { type: 'service', subject: 'plugin:caller' } });
    } finally {
      await b.stop();
    }
  });

  it('turns readiness red once stopping begins, keeps serving for serverShutdownDelay, and lets the in-flight request finish', async () => {
    let release!: () => void;
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    const slowPlugin = createBackendPlugin({
      pluginId: 'slow',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
            httpRouter.use((_req, res) => {
              entered();
              new Promise<void>((r) => (release = r)).then(() => res.json({ finished: true }));
            });
          },
        });
      },
    });
    a = await startTestBackend({ features: [slowPlugin, config({ lifecycle: { serverShutdownDelay: '3s' } })] });
    const inflight = request(a.server)
      .get('/api/slow/work')
      .then((r) => r);
    await inHandler;
    const stopping = a.stop();
    // Stopping is asynchronous: wait until the backend reports it (readiness red) before probing.
    for (let i = 0; i < 50; i++) {
      if ((await request(a.server).get('/.backstage/health/v1/readiness')).status === 503) break;
    }
    await request(a.server).get('/.backstage/health/v1/readiness').expect(503);
    release();
    const finished = await inflight;
    expect(finished.status).toBe(200);
    expect(finished.headers.connection).toBe('close');
    await stopping;
  });

  it('closes the server when a plugin fails to start', async () => {
    let server: HttpServer | undefined;
    const rootRouter = createRootHttpRouterServiceFactory({
      configure(context) {
        server = context.server;
        context.applyDefaults();
      },
    });
    const broken = createBackendPlugin({
      pluginId: 'broken',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init() {
            throw new Error('cannot start');
          },
        });
      },
    });
    // The test-backend's own root router factory is replaced by this one, so listen on a free loopback port here.
    await expect(startTestBackend({ features: [broken, rootRouter, config({ listen: { host: '127.0.0.1', port: 0 } })] })).rejects.toThrow(
      /cannot start/,
    );
    expect(server).toBeDefined();
    expect(server!.server.listening).toBe(false);
  });
});
