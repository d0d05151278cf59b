/**
 * Run as a child process by handlerFaults.test.ts: createBackend() with every default service and plugins that
 * misbehave the way real ones do:
 *
 *   native   a native plugin whose plain express Router has an async handler that throws (`GET /boom`), and whose
 *            init leaves a rejected promise behind in a timer (`POST /background` starts another one)
 *   legacy   a legacy `createPlugin(env)` run through legacyPlugin, same async throw (`GET /boom`)
 *   healthy  answers `GET /ping` with 200
 *   broken   fails in init; `backend.startup.default.onPluginBootFailure: continue` leaves it out
 *
 * Prints `{"event":"listening","url":...}` once up; the backend's own log lines (JSON in production) follow.
 */
import express from 'express';
import { setTimeout as sleep } from 'timers/promises';
import { coreServices, createBackend, createBackendPlugin } from '../../../../framework';
import { createRootHttpRouterServiceFactory, type HttpServer } from '../../../../framework/services/rootHttpRouter';
import { legacyPlugin } from '../../../../legacy-bridge';

let httpServer: HttpServer | undefined;
const backend = createBackend();
backend.add(
  createRootHttpRouterServiceFactory({
    configure({ server, applyDefaults }) {
      httpServer = server;
      applyDefaults();
    },
  }),
);

function throwingRouter(message: string) {
  const router = express.Router();
  router.get('/boom', async () => {
    await sleep(5);
    throw new Error(message);
  });
  router.get('/fine', (_req, res) => {
    res.json({ fine: true });
  });
  return router;
}

backend.add(
  createBackendPlugin({
    pluginId: 'native',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = throwingRouter('relation "native_secret_table" does not exist (postgres at 10.9.8.7:5432)');
          router.post('/background', (_req, res) => {
            // Fire and forget, the response already sent: nobody is left to answer, but the process must stay up.
            setTimeout(() => void Promise.reject(new Error('background job of native failed')), 5);
            res.status(202).json({ started: true });
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
          setTimeout(() => void Promise.reject(new Error('timer started in init failed')), 5);
        },
      });
    },
  }),
);

backend.add(
  legacyPlugin(
    'legacy',
    Promise.resolve({
      default: async () => throwingRouter('legacy handler failed: connect ECONNREFUSED 10.9.8.7:6379'),
    }),
  ),
);

backend.add(
  createBackendPlugin({
    pluginId: 'healthy',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = express.Router();
          router.get('/ping', (_req, res) => {
            res.json({ pong: true });
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        },
      });
    },
  }),
);

backend.add(
  createBackendPlugin({
    pluginId: 'broken',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init() {
          throw new Error('broken could not read its settings');
        },
      });
    },
  }),
);

backend.start().then(
  () => process.stdout.write(`${JSON.stringify({ event: 'listening', url: httpServer!.address().url })}\n`),
  (error) => {
    process.stderr.write(`start failed: ${error.stack ?? error}\n`);
    process.exit(3);
  },
);
