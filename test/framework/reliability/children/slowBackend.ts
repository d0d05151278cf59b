/**
 * Run as a child process by gracefulShutdown.test.ts: createBackend() with every default service and one plugin
 * whose route takes 200 ms. Reports on stdout, one JSON line per event, for the test to assert on:
 *
 *   listening        { url }              the server is up
 *   half             { }                  the 100th request entered the route (the parent sends SIGTERM then)
 *   before-shutdown  { inFlight: ids }    the drain has begun; the route's requests in flight at that moment
 *   plugin-shutdown  { admitted, inFlight }  every request id the route took, and how many were still running
 *   root-shutdown    { }
 *
 * The before-shutdown hook holds the drain open until the parent writes a line on stdin (at most 5 s), so the
 * parent can send requests while the backend drains and see them refused; that is what a hook waiting for a load
 * balancer to notice the shutdown does in production.
 */
import express from 'express';
import { createInterface } from 'readline';
import { coreServices, createBackend, createBackendPlugin } from '../../../../framework';
import { createRootHttpRouterServiceFactory, type HttpServer } from '../../../../framework/services/rootHttpRouter';

const ROUTE_MS = 200;
const HALF = 100;
const HOLD_LIMIT_MS = 5000;

function report(event: string, fields: Record<string, unknown> = {}) {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

const stdinLines = createInterface({ input: process.stdin });
const parentSaidGo = () =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      report('hold-timeout');
      resolve();
    }, HOLD_LIMIT_MS);
    stdinLines.once('line', () => {
      clearTimeout(timer);
      resolve();
    });
  });

const admitted: number[] = [];
const inFlight = new Set<number>();

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
backend.add(
  createBackendPlugin({
    pluginId: 'slow',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter, lifecycle: coreServices.lifecycle, rootLifecycle: coreServices.rootLifecycle },
        async init({ httpRouter, lifecycle, rootLifecycle }) {
          const router = express.Router();
          router.get('/work', (req, res) => {
            const id = Number(req.query.id);
            admitted.push(id);
            inFlight.add(id);
            if (admitted.length === HALF) report('half');
            setTimeout(() => {
              inFlight.delete(id);
              res.json({ id });
            }, ROUTE_MS);
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/work', allow: 'unauthenticated' });

          rootLifecycle.addBeforeShutdownHook(async () => {
            report('before-shutdown', { inFlight: [...inFlight] });
            await parentSaidGo();
          });
          lifecycle.addShutdownHook(() => report('plugin-shutdown', { admitted, inFlight: inFlight.size }));
          rootLifecycle.addShutdownHook(() => {
            stdinLines.close();
            report('root-shutdown');
          });
        },
      });
    },
  }),
);

backend.start().then(
  () => report('listening', { url: httpServer!.address().url }),
  (error) => {
    process.stderr.write(`start failed: ${error.stack ?? error}\n`);
    process.exit(3);
  },
);
