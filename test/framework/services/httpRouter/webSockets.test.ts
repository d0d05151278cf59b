/** WebSocket handlers on the plugin and root routers, in a started backend with real sockets and the `ws` client. */
import type { IncomingMessage } from 'http';
import type { AddressInfo } from 'net';
import WebSocket, { WebSocketServer } from 'ws';
import { coreServices, createBackendPlugin, createSpecializedBackend } from '../../../../framework';
import type { RootHttpRouterImpl } from '../../../../framework/services/rootHttpRouter';
import { testServiceFactories } from '../../../../framework/testing/testServiceFactories';
import { mockServices, startTestBackend, TEST_CONFIG, type TestBackend } from '../../../../framework/testing';
import { DefaultAuthService, issueUserToken, readAuthKeys, readExternalAccess } from '../../../../framework/services/auth';
import { ConfigReader } from '../../../../framework/services/rootConfig';

const SECRET = 'websocket-test-shared-secret-1234';

const config = (extra: object = {}) =>
  mockServices.rootConfig.factory({
    data: { ...TEST_CONFIG, backend: { ...(TEST_CONFIG.backend as object), auth: { keys: [{ secret: SECRET }] }, ...extra } },
  });

const userToken = () => issueUserToken({ secret: SECRET, userEntityRef: 'user:default/jane' }).token;

/**
 * `chat` answers each message with who sent it: `/` and `/room` need a token, `/open` does not. A protocol offered
 * next to the token is chosen, never the token itself. The root router serves `/ws/echo` without any check.
 */
const chatPlugin = createBackendPlugin({
  pluginId: 'chat',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, rootHttpRouter: coreServices.rootHttpRouter },
      async init({ httpRouter, rootHttpRouter }) {
        const wss = new WebSocketServer({
          noServer: true,
          handleProtocols: (offered) => [...offered].find((p) => p === 'chat.v1') ?? false,
        });
        const serve = (path: string, authPolicy?: 'unauthenticated') =>
          httpRouter.addWebSocketHandler({
            path,
            authPolicy,
            handler: ({ request, socket, head, credentials, authProtocol }) => {
              wss.handleUpgrade(request, socket, head, (ws) => {
                ws.on('message', (data) =>
                  ws.send(
                    JSON.stringify({ path, got: data.toString(), principal: credentials.principal, authProtocol: authProtocol ?? null }),
                  ),
                );
              });
            },
          });
        serve('/');
        serve('/room');
        serve('/open', 'unauthenticated');
        rootHttpRouter.addWebSocketHandler({
          path: '/ws/echo',
          handler: ({ request, socket, head }) => {
            wss.handleUpgrade(request, socket, head, (ws) => ws.on('message', (data) => ws.send(`echo ${data}`)));
          },
        });
      },
    });
  },
});

/** Opens a socket and sends one message; resolves with the reply, or with the HTTP status the upgrade got. */
function exchange(
  url: string,
  options: { protocols?: string[]; headers?: Record<string, string> } = {},
): Promise<{ reply?: unknown; status?: number; protocol?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    ws.on('open', () => ws.send('hello'));
    ws.on('message', (data) => {
      const text = data.toString();
      resolve({ reply: text.startsWith('{') ? JSON.parse(text) : text, protocol: ws.protocol });
      ws.close();
    });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      resolve({ status: res.statusCode });
      res.resume();
    });
    ws.on('error', reject);
  });
}

describe('WebSocket handlers', () => {
  let backend: TestBackend;
  let base: string;

  beforeAll(async () => {
    backend = await startTestBackend({ features: [chatPlugin, config()] });
    base = `ws://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
  });
  afterAll(() => backend.stop());

  it('takes a user token from the Authorization header and gives the handler its credentials', async () => {
    const result = await exchange(`${base}/api/chat/room?since=0`, { headers: { authorization: `Bearer ${userToken()}` } });
    expect(result.reply).toEqual({
      path: '/room',
      got: 'hello',
      principal: { type: 'user', userEntityRef: 'user:default/jane' },
      authProtocol: null,
    });
  });

  it('takes the token as a Sec-WebSocket-Protocol value (as browsers must) and names it as authProtocol', async () => {
    const token = userToken();
    const result = await exchange(`${base}/api/chat`, { protocols: ['chat.v1', token] });
    expect(result.reply).toMatchObject({ path: '/', principal: { type: 'user', userEntityRef: 'user:default/jane' }, authProtocol: token });
    expect(result.protocol).toBe('chat.v1');
  });

  it("accepts another plugin's service token addressed to this plugin, and refuses one addressed elsewhere", async () => {
    const keys = new ConfigReader({ backend: { auth: { keys: [{ secret: SECRET }] } } });
    const caller = new DefaultAuthService({ pluginId: 'bot', keys: readAuthKeys(keys), externalTokens: readExternalAccess(keys) });
    const tokenFor = async (targetPluginId: string) =>
      (await caller.getPluginRequestToken({ onBehalfOf: await caller.getOwnServiceCredentials(), targetPluginId })).token;
    const accepted = await exchange(`${base}/api/chat/room`, { headers: { authorization: `Bearer ${await tokenFor('chat')}` } });
    expect(accepted.reply).toMatchObject({ principal: { type: 'service', subject: 'plugin:bot' } });
    expect(await exchange(`${base}/api/chat/room`, { headers: { authorization: `Bearer ${await tokenFor('catalog')}` } })).toEqual({
      status: 401,
    });
  });

  it('refuses an upgrade without a valid token with 401, and too many offered tokens too', async () => {
    expect(await exchange(`${base}/api/chat/room`)).toEqual({ status: 401 });
    expect(await exchange(`${base}/api/chat/room`, { headers: { authorization: 'Bearer not-a-token' } })).toEqual({ status: 401 });
    const many = ['p1', 'p2', 'p3', 'p4', 'p5'];
    expect(await exchange(`${base}/api/chat/room`, { protocols: many, headers: { authorization: `Bearer ${userToken()}` } })).toEqual({
      status: 401,
    });
  });

  it('lets an unauthenticated route through with none credentials', async () => {
    const result = await exchange(`${base}/api/chat/open`);
    expect(result.reply).toMatchObject({ path: '/open', principal: { type: 'none' } });
  });

  it('matches exact paths only: another path, a trailing slash or another case gets 404', async () => {
    expect(await exchange(`${base}/api/chat/lobby`, { headers: { authorization: `Bearer ${userToken()}` } })).toEqual({ status: 404 });
    expect(await exchange(`${base}/api/chat/room/`, { headers: { authorization: `Bearer ${userToken()}` } })).toEqual({ status: 404 });
    expect(await exchange(`${base}/api/chat/Room`, { headers: { authorization: `Bearer ${userToken()}` } })).toEqual({ status: 404 });
  });

  it('serves a root WebSocket handler without any check of its own', async () => {
    expect((await exchange(`${base}/ws/echo`)).reply).toBe('echo hello');
  });

  it('refuses bad registrations with errors that name the plugin and the fix', async () => {
    let errors: string[] = [];
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter, rootHttpRouter: coreServices.rootHttpRouter },
          async init({ httpRouter, rootHttpRouter }) {
            const attempts = [
              () => httpRouter.addWebSocketHandler({ path: 'ws', handler: () => {} }),
              () => httpRouter.addWebSocketHandler({ path: '/ws', handler: () => {}, authPolicy: 'user-cookie' as never }),
              () => rootHttpRouter.addWebSocketHandler({ path: '/ws/echo?x=1', handler: () => {} }),
              () => {
                httpRouter.addWebSocketHandler({ path: '/twice', handler: () => {} });
                httpRouter.addWebSocketHandler({ path: '/twice', handler: () => {} });
              },
            ];
            errors = attempts.map((attempt) => {
              try {
                attempt();
                return 'accepted';
              } catch (error) {
                return (error as Error).message;
              }
            });
          },
        });
      },
    });
    const other = await startTestBackend({ features: [probe, config()] });
    await other.stop();
    expect(errors).toEqual([
      `httpRouter.addWebSocketHandler (plugin 'probe'): path must be relative to the plugin's base route and start with '/', got "ws"`,
      `httpRouter.addWebSocketHandler (plugin 'probe'): authPolicy may only be 'unauthenticated' (or left out), got "user-cookie"`,
      `rootHttpRouter.addWebSocketHandler: path must be an absolute path without query or fragment, e.g. '/ws/updates', got "/ws/echo?x=1"`,
      `rootHttpRouter.addWebSocketHandler: '/api/probe/twice' already has a WebSocket handler`,
    ]);
  });
});

describe('WebSocket connections at shutdown', () => {
  it('are ended when the backend stops, and a stopped backend takes no new ones', async () => {
    const backend = await startTestBackend({ features: [chatPlugin, config()] });
    const url = `ws://127.0.0.1:${(backend.server.address() as AddressInfo).port}/api/chat/open`;
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await backend.stop();
    // 1006: the connection dropped without a closing handshake (the socket was destroyed).
    expect(await closed).toBe(1006);
    await expect(exchange(url)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('WebSocket upgrades while the backend starts', () => {
  /**
   * A backend whose `slow` plugin finishes its init only when told: until then no plugin has started, but the
   * server already listens. `watch` records when it starts and when its WebSocket handler runs; `events` also
   * gets 'upgrade' when an upgrade request reaches the server.
   */
  function startingBackend(extraConfig: object = {}) {
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let announce!: (port: number) => void;
    const port = new Promise<number>((resolve) => (announce = resolve));
    let upgradeArrived!: () => void;
    const upgraded = new Promise<void>((resolve) => (upgradeArrived = resolve));
    const slow = createBackendPlugin({
      pluginId: 'slow',
      register(env) {
        env.registerInit({
          deps: { rootHttpRouter: coreServices.rootHttpRouter },
          async init({ rootHttpRouter }) {
            const router = rootHttpRouter as unknown as RootHttpRouterImpl;
            router.server.server.prependListener('upgrade', () => {
              events.push('upgrade');
              upgradeArrived();
            });
            announce(router.address().port);
            await released;
          },
        });
      },
    });
    const watch = createBackendPlugin({
      pluginId: 'watch',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter, lifecycle: coreServices.lifecycle },
          async init({ httpRouter, lifecycle }) {
            const wss = new WebSocketServer({ noServer: true });
            lifecycle.addStartupHook(() => void events.push('started'));
            httpRouter.addWebSocketHandler({
              path: '/',
              handler: ({ request, socket, head }) => {
                events.push('handler');
                wss.handleUpgrade(request, socket, head, (ws) => ws.on('message', () => ws.send('watched')));
              },
            });
          },
        });
      },
    });
    const backend = createSpecializedBackend({ defaultServiceFactories: testServiceFactories() });
    for (const feature of [watch, slow, config(extraConfig)]) backend.add(feature);
    const started = backend.start();
    return { backend, started, port, release, upgraded, events };
  }

  it('holds an upgrade until the plugin has started, then hands it over', async () => {
    const { backend, started, port, release, upgraded, events } = startingBackend();
    try {
      const reply = exchange(`ws://127.0.0.1:${await port}/api/watch`, { headers: { authorization: `Bearer ${userToken()}` } });
      await upgraded;
      release();
      await started;
      expect(await reply).toMatchObject({ reply: 'watched' });
      expect(events).toEqual(['upgrade', 'started', 'handler']);
    } finally {
      release();
      await started.catch(() => {});
      await backend.stop();
    }
  });

  it('answers 503 when the plugin has not started within backend.lifecycle.startupRequestPauseTimeout', async () => {
    const { backend, started, port, release, events } = startingBackend({ lifecycle: { startupRequestPauseTimeout: 50 } });
    try {
      expect(await exchange(`ws://127.0.0.1:${await port}/api/watch`, { headers: { authorization: `Bearer ${userToken()}` } })).toEqual({
        status: 503,
      });
      expect(events).toEqual(['upgrade']);
    } finally {
      release();
      await started.catch(() => {});
      await backend.stop();
    }
  });
});
