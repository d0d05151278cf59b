import { Router, type ErrorRequestHandler, type Handler } from 'express';
import request from 'supertest';
import { ConflictError, InputError } from '../../../../framework/api';
import { issueUserToken } from '../../../../framework/services/auth';
import { USER_COOKIE_NAME } from '../../../../framework/services/httpAuth';
import { startTestServer, type TestServer } from '../httpHarness';

const SECRET = 'a-shared-secret-for-http-router-tests';

function ping() {
  const r = Router();
  r.get('/ping', (_req, res) => res.json({ pong: true }));
  r.get('/public/info', (_req, res) => res.json({ info: 'open' }));
  r.get('/ui/page', (_req, res) => res.send('page'));
  return r;
}

describe('httpRouter', () => {
  let server: TestServer;
  afterEach(() => server?.stop());

  it("mounts the plugin's handlers under /api/<pluginId>", async () => {
    server = await startTestServer();
    server.addPlugin('todo', (router) => {
      router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      router.use(ping());
    });
    await server.start();
    await request(server.url).get('/api/todo/ping').expect(200, { pong: true });
    await request(server.url).get('/ping').expect(404);
  });

  it("answers 503 'Service has not started up yet' when the plugin does not start within the pause", async () => {
    server = await startTestServer({ backend: { lifecycle: { startupRequestPauseTimeout: '30ms' } } });
    server.addPlugin('todo', (router) => {
      router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      router.use(ping());
    });
    const res = await request(server.url).get('/api/todo/ping');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      error: { name: 'ServiceUnavailableError', message: 'Service has not started up yet' },
      request: { method: 'GET', url: '/api/todo/ping' },
      response: { statusCode: 503 },
    });
  });

  it('holds a request that arrives during startup and serves it once the plugin has started', async () => {
    server = await startTestServer();
    const plugin = server.addPlugin('todo', (router) => {
      router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      router.use(ping());
    });
    let reachedServer!: () => void;
    const arrived = new Promise<void>((r) => (reachedServer = r));
    server.root.server.server.once('request', () => setImmediate(reachedServer));
    const pending = request(server.url)
      .get('/api/todo/ping')
      .then((res) => res);
    await arrived;
    await plugin.lifecycle.startup();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ pong: true });
  });

  it('answers a rejected async handler with the JSON error body instead of hanging', async () => {
    server = await startTestServer();
    server.addPlugin('todo', (router) => {
      router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      router.use(async () => {
        await Promise.resolve();
        throw new ConflictError('already there');
      });
    });
    await server.start();
    await request(server.url)
      .post('/api/todo/items')
      .expect(409, {
        error: { name: 'ConflictError', message: 'already there' },
        request: { method: 'POST', url: '/api/todo/items' },
        response: { statusCode: 409 },
      });
  });

  it('runs handlers in order with express rules for errors, error handlers and next("route"/"router")', async () => {
    server = await startTestServer();
    server.addPlugin('todo', (router) => {
      router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      router.use((req, _res, next) => {
        if (req.path === '/skip') return next('route');
        if (req.path === '/leave') return next('router');
        if (req.path === '/throw') throw new InputError('bad input');
        next();
      });
      router.use((req, res, next) =>
        req.path === '/skip' || req.path === '/ok' ? res.json({ reached: 'second', baseUrl: req.baseUrl }) : next(),
      );
      router.use(((err, _req, res, _next) => res.status(418).json({ caught: err.message })) as ErrorRequestHandler as unknown as Handler);
      router.use((req, res, next) => (req.path === '/after-error-handler' ? res.send('plain handlers still run') : next()));
    });
    await server.start();
    await request(server.url).get('/api/todo/ok').expect(200, { reached: 'second', baseUrl: '/api/todo' });
    await request(server.url).get('/api/todo/skip').expect(200, { reached: 'second', baseUrl: '/api/todo' });
    await request(server.url).get('/api/todo/throw').expect(418, { caught: 'bad input' });
    await request(server.url).get('/api/todo/after-error-handler').expect(200, 'plain handlers still run');
    const left = await request(server.url).get('/api/todo/leave');
    expect(left.status).toBe(404);
    expect(left.body.error).toEqual({ name: 'NotFoundError', message: 'No route for GET /api/todo/leave' });
  });

  it('rejects invalid auth policies and handlers with the plugin id', async () => {
    server = await startTestServer();
    const { router } = server.addPlugin('todo');
    expect(() => router.addAuthPolicy({ path: 'public', allow: 'unauthenticated' })).toThrow(
      `httpRouter.addAuthPolicy (plugin 'todo'): path must be relative to the plugin's base route and start with '/', got "public"`,
    );
    expect(() => router.addAuthPolicy({ path: '/x', allow: 'everyone' as never })).toThrow(
      `httpRouter.addAuthPolicy (plugin 'todo'): allow must be 'unauthenticated' or 'user-cookie', got "everyone"`,
    );
    expect(() => router.use('nope' as never)).toThrow(
      "httpRouter.use (plugin 'todo'): the handler must be an express handler or router, got string",
    );
  });

  describe('default deny', () => {
    beforeEach(async () => {
      server = await startTestServer({ backend: { auth: { keys: [{ secret: SECRET }] } } });
      server.addPlugin('todo', (router) => {
        router.addAuthPolicy({ path: '/public', allow: 'unauthenticated' });
        router.addAuthPolicy({ path: '/ui', allow: 'user-cookie' });
        router.use(ping());
      });
      await server.start();
    });

    it('answers 401 with the JSON error body to a request without credentials', async () => {
      const res = await request(server.url).get('/api/todo/ping');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: { name: 'AuthenticationError', message: 'Missing credentials: send a token in the Authorization header (Bearer)' },
        request: { method: 'GET', url: '/api/todo/ping' },
        response: { statusCode: 401 },
      });
      // Unknown routes of a plugin are denied too, so their existence does not leak.
      await request(server.url).get('/api/todo/secret-admin').expect(401);
    });

    it('opens paths below an unauthenticated policy, and only those', async () => {
      await request(server.url).get('/api/todo/public/info').expect(200, { info: 'open' });
      await request(server.url).get('/api/todo/publicity').expect(401);
    });

    it('accepts a user token in the Authorization header', async () => {
      const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' });
      await request(server.url).get('/api/todo/ping').set('Authorization', `Bearer ${token}`).expect(200, { pong: true });
    });

    it('issues a user cookie that user-cookie routes accept and other routes do not', async () => {
      const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' });
      const issued = await request(server.url).get('/api/todo/.backstage/auth/v1/cookie').set('Authorization', `Bearer ${token}`);
      expect(issued.status).toBe(200);
      expect(new Date(issued.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const setCookie = String(issued.headers['set-cookie']);
      expect(setCookie).toMatch(new RegExp(`^${USER_COOKIE_NAME}=[^;]+; Path=/; Expires=.+; HttpOnly; SameSite=Lax$`));
      const cookie = setCookie.split(';')[0];

      await request(server.url).get('/api/todo/ui/page').set('Cookie', cookie).expect(200, 'page');
      const denied = await request(server.url).get('/api/todo/ping').set('Cookie', cookie);
      expect(denied.status).toBe(401);
      await request(server.url).get('/api/todo/ui/page').expect(401);
    });

    it('refuses to issue a cookie without user credentials', async () => {
      const res = await request(server.url).get('/api/todo/.backstage/auth/v1/cookie');
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    });
  });

  it("a plugin opens itself entirely with addAuthPolicy({ path: '/', allow: 'unauthenticated' })", async () => {
    server = await startTestServer();
    server.addPlugin('legacy', (router) => {
      router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
      router.use(ping());
    });
    await server.start();
    await request(server.url).get('/api/legacy/ping').expect(200);
    await request(server.url).get('/api/legacy/ui/page').expect(200);
  });

  it('backend.auth.dangerouslyDisableDefaultAuthPolicy turns default deny off', async () => {
    server = await startTestServer({ backend: { auth: { dangerouslyDisableDefaultAuthPolicy: true } } });
    server.addPlugin('todo', (router) => router.use(ping()));
    await server.start();
    await request(server.url).get('/api/todo/ping').expect(200, { pong: true });
  });
});
