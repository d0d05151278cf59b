/**
 * Two backend instances in one process, plugin `a` in one and `b` in the other, each finding the other
 * through discovery.endpoints and calling it over real HTTP with a service token. The instances share
 * backend.auth.keys, so a token minted in one verifies in the other.
 */
import type { AddressInfo } from 'net';
import { Router } from 'express';
import request from 'supertest';
import { coreServices, createBackendPlugin, createServiceFactory, type JsonObject } from '../../../../framework';
import { startTestBackend, type TestBackend } from '../../../../framework/testing';
import { mutableConfig } from './mutableConfig';

const SHARED_KEYS = [{ secret: 'split-deployment-shared-secret-0123456789' }];

/** A plugin with `/ping` (service callers only) and `/call-peer`, which calls the peer's `/ping` through discovery. */
function peerPlugin(pluginId: string, peerId: string) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: {
          router: coreServices.httpRouter,
          discovery: coreServices.discovery,
          auth: coreServices.auth,
          httpAuth: coreServices.httpAuth,
        },
        async init({ router, discovery, auth, httpAuth }) {
          const routes = Router();
          routes.get('/ping', async (req, res, next) => {
            try {
              const credentials = await httpAuth.credentials(req, { allow: ['service'] });
              res.json({ pong: pluginId, caller: (credentials.principal as { subject: string }).subject });
            } catch (error) {
              next(error);
            }
          });
          routes.get('/call-peer', async (req, res, next) => {
            try {
              const baseUrl = await discovery.getBaseUrl(peerId);
              const headers: Record<string, string> = {};
              if (req.query.token !== 'none') {
                const { token } = await auth.getPluginRequestToken({
                  onBehalfOf: await auth.getOwnServiceCredentials(),
                  targetPluginId: peerId,
                });
                headers.authorization = `Bearer ${token}`;
              }
              const peer = await fetch(`${baseUrl}/ping`, { headers });
              res.status(peer.status).json({ baseUrl, status: peer.status, body: await peer.json() });
            } catch (error) {
              next(error);
            }
          });
          router.use(routes);
          router.addAuthPolicy({ path: '/call-peer', allow: 'unauthenticated' });
        },
      });
    },
  });
}

const configFactory = (config: ReturnType<typeof mutableConfig>) =>
  createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => config });

const urlOf = (backend: TestBackend) => `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;

describe('split deployment: a and b on two backend instances', () => {
  let instanceA: TestBackend;
  let instanceB: TestBackend;
  const configA = mutableConfig({ backend: { auth: { keys: SHARED_KEYS } } });

  beforeAll(async () => {
    // Both listen on port 0, so A's address is only known once it runs: A starts first and learns B's
    // address through a config change, as a file-watching config would deliver it.
    instanceA = await startTestBackend({ features: [configFactory(configA), peerPlugin('a', 'b')] });
    const configB: JsonObject = {
      backend: { auth: { keys: SHARED_KEYS } },
      discovery: {
        endpoints: [
          {
            target: { internal: `${urlOf(instanceA)}/api/{{pluginId}}`, external: 'https://a.example.com/{{ pluginId }}' },
            plugins: ['a'],
          },
        ],
      },
    };
    instanceB = await startTestBackend({ features: [configFactory(mutableConfig(configB)), peerPlugin('b', 'a')] });
    configA.set({
      backend: { auth: { keys: SHARED_KEYS } },
      discovery: { endpoints: [{ target: `${urlOf(instanceB)}/api/{{pluginId}}`, plugins: ['b'] }] },
    });
  });

  afterAll(async () => {
    await instanceA?.stop();
    await instanceB?.stop();
  });

  it('a calls b on the other instance with a service token', async () => {
    const response = await request(instanceA.server).get('/api/a/call-peer').expect(200);
    expect(response.body).toEqual({ baseUrl: `${urlOf(instanceB)}/api/b`, status: 200, body: { pong: 'b', caller: 'plugin:a' } });
  });

  it('b calls a the other way round', async () => {
    const response = await request(instanceB.server).get('/api/b/call-peer').expect(200);
    expect(response.body).toEqual({ baseUrl: `${urlOf(instanceA)}/api/a`, status: 200, body: { pong: 'a', caller: 'plugin:b' } });
  });

  it('the peer refuses the same call without a token', async () => {
    const response = await request(instanceA.server).get('/api/a/call-peer?token=none');
    expect(response.status).toBe(401);
    expect(response.body.status).toBe(401);
  });

  it('b is not served by instance A itself', async () => {
    await request(instanceA.server).get('/api/b/ping').expect(404);
  });
});
