import jwt from 'jsonwebtoken';
import { Router } from 'express';
import request from 'supertest';
import { issueUserToken, TOKEN_TYPES } from '../../../../framework/services/auth';
import { startTestServer, type TestPlugin, type TestServer } from '../httpHarness';

const SECRET = 'shared-secret-between-instances-42';
const STATIC_TOKEN = 'static-ci-token-0123456789';

/** A backend instance with one protected plugin, `todo`, whose route echoes the caller's principal. */
async function instance(
  keys: Array<{ secret: string }> | undefined,
): Promise<{ server: TestServer; callerToken(target: string): Promise<string> }> {
  const server = await startTestServer({
    backend: {
      auth: {
        ...(keys ? { keys } : {}),
        externalAccess: [{ type: 'static', options: { token: STATIC_TOKEN, subject: 'ci' } }],
      },
    },
  });
  const r = Router();
  r.get('/whoami', async (req, res, next) => {
    try {
      res.json((await todo.httpAuth.credentials(req)).principal);
    } catch (error) {
      next(error);
    }
  });
  r.get('/services-only', async (req, res, next) => {
    try {
      res.json((await todo.httpAuth.credentials(req, { allow: ['service'] })).principal);
    } catch (error) {
      next(error);
    }
  });
  const todo: TestPlugin = server.addPlugin('todo', (router) => router.use(r));
  const caller = server.addPlugin('caller');
  await server.start();
  return {
    server,
    callerToken: async (target) =>
      (await caller.auth.getPluginRequestToken({ onBehalfOf: await caller.auth.getOwnServiceCredentials(), targetPluginId: target })).token,
  };
}

describe('protected plugin routes over real HTTP', () => {
  let a: Awaited<ReturnType<typeof instance>>;
  let b: Awaited<ReturnType<typeof instance>>;
  beforeAll(async () => {
    a = await instance([{ secret: SECRET }]);
    b = await instance([{ secret: SECRET }]);
  });
  afterAll(async () => {
    await a?.server.stop();
    await b?.server.stop();
  });

  const whoami = (token?: string) => {
    const req = request(a.server.url).get('/api/todo/whoami');
    return token === undefined ? req : req.set('Authorization', `Bearer ${token}`);
  };

  it('rejects a request without a token', async () => {
    const res = await whoami();
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({
      name: 'AuthenticationError',
      message: 'Missing credentials: send a token in the Authorization header (Bearer)',
    });
  });

  it('rejects a token with a bad signature', async () => {
    const forged = jwt.sign({ sub: 'plugin:caller', aud: 'todo' }, 'not-the-shared-secret-at-all', {
      expiresIn: 60,
      header: { alg: 'HS256', typ: TOKEN_TYPES.plugin },
    });
    const res = await whoami(forged);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('Invalid token signature: it was not signed with a key of this backend (backend.auth.keys)');
  });

  it('rejects an expired token', async () => {
    const expired = jwt.sign({ sub: 'plugin:caller', aud: 'todo', exp: Math.floor(Date.now() / 1000) - 30 }, SECRET, {
      header: { alg: 'HS256', typ: TOKEN_TYPES.plugin },
    });
    const res = await whoami(expired);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/^Token expired at /);
  });

  it('rejects a token minted for another target plugin', async () => {
    const res = await whoami(await a.callerToken('catalog'));
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Invalid token: it is addressed to plugin 'catalog', not to 'todo'");
  });

  it('accepts a plugin token minted by another instance sharing backend.auth.keys', async () => {
    const fromB = await b.callerToken('todo');
    await whoami(fromB).expect(200, { type: 'service', subject: 'plugin:caller' });
  });

  it('rejects a plugin token from an instance with its own generated key', async () => {
    const loner = await instance(undefined);
    try {
      const res = await whoami(await loner.callerToken('todo'));
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/^Invalid token signature/);
    } finally {
      await loner.server.stop();
    }
  });

  it('accepts a static external token', async () => {
    await whoami(STATIC_TOKEN).expect(200, { type: 'service', subject: 'external:ci' });
  });

  it('accepts a user token', async () => {
    const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' });
    await whoami(token).expect(200, { type: 'user', userEntityRef: 'user:default/jane' });
  });

  it('answers 403 when a route does not allow the credentials type', async () => {
    const { token } = issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' });
    const res = await request(a.server.url).get('/api/todo/services-only').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({
      name: 'NotAllowedError',
      message: "This endpoint does not allow 'user' credentials; allowed: service",
    });
    await request(a.server.url).get('/api/todo/services-only').set('Authorization', `Bearer ${STATIC_TOKEN}`).expect(200);
  });

  it('treats other authorization schemes as no credentials', async () => {
    await request(a.server.url).get('/api/todo/whoami').set('Authorization', 'Basic dXNlcjpwYXNz').expect(401);
  });
});
