/**
 * Tokens cross the bridge both ways: a legacy plugin's tokenManager token is accepted by a native plugin's
 * default-deny routes, and a native plugin's service token passes a legacy plugin's tokenManager.authenticate.
 */
import Router from 'express-promise-router';
import request from 'supertest';
import { coreServices, createBackendPlugin, createServiceFactory } from 'forklift/framework';
import { startTestBackend } from 'forklift/framework/testing';
import { legacyPlugin, type PluginEnvironment } from 'forklift/legacy-bridge';
import { messageOf } from '../../framework/wiring';

const nativeTodo = createBackendPlugin({
  pluginId: 'todo',
  register(env) {
    env.registerInit({
      deps: { http: coreServices.httpRouter, httpAuth: coreServices.httpAuth, auth: coreServices.auth, discovery: coreServices.discovery },
      async init({ http, httpAuth, auth, discovery }) {
        const router = Router();
        // Default deny: only callers with valid credentials get here.
        router.get('/items', async (req, res) => {
          const credentials = await httpAuth.credentials(req, { allow: ['service'] });
          res.json({ items: ['a', 'b'], caller: credentials.principal.subject });
        });
        // Calls the legacy plugin with a native service token.
        router.get('/ask-legacy', async (_req, res) => {
          const { token } = await auth.getPluginRequestToken({
            onBehalfOf: await auth.getOwnServiceCredentials(),
            targetPluginId: 'reports',
          });
          const response = await fetch(`${await discovery.getBaseUrl('reports')}/whoami`, {
            headers: { authorization: `Bearer ${token}` },
          });
          res.status(response.status).json(await response.json());
        });
        http.use(router);
        http.addAuthPolicy({ path: '/ask-legacy', allow: 'unauthenticated' });
      },
    });
  },
});

async function createReportsPlugin(env: PluginEnvironment) {
  const router = Router();
  router.get('/summary', async (_req, res) => {
    const { token } = await env.tokenManager.getToken();
    const response = await fetch(`${await env.discovery.getBaseUrl('todo')}/items`, {
      headers: { authorization: `Bearer ${token}` },
    });
    res.status(response.status).json(await response.json());
  });
  router.get('/whoami', async (req, res) => {
    const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    try {
      await env.tokenManager.authenticate(token);
      res.json({ accepted: true });
    } catch (error) {
      res.status(401).json({ accepted: false, reason: messageOf(error) });
    }
  });
  return router;
}

describe('tokens across the bridge', () => {
  it('a legacy token reaches a native plugin and a native token passes legacy authenticate', async () => {
    // The test backend listens on a free port, known only once it started: discovery reads it then.
    let port = 0;
    const backend = await startTestBackend({
      features: [
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => ({
            getBaseUrl: async (pluginId: string) => `http://127.0.0.1:${port}/api/${pluginId}`,
            getExternalBaseUrl: async (pluginId: string) => `http://127.0.0.1:${port}/api/${pluginId}`,
          }),
        }),
        nativeTodo,
        legacyPlugin('reports', Promise.resolve({ default: createReportsPlugin })),
      ],
    });
    port = (backend.server.address() as { port: number }).port;

    const summary = await request(backend.server).get('/api/reports/summary').expect(200);
    expect(summary.body).toEqual({ items: ['a', 'b'], caller: 'plugin:reports' });

    await request(backend.server).get('/api/todo/items').expect(401);
    await request(backend.server).get('/api/todo/ask-legacy').expect(200, { accepted: true });
    await backend.stop();
  });
});
