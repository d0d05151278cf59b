/**
 * Run as a child process by gracefulShutdown.test.ts: createBackend() with every default service and one plugin
 * whose route takes 200 ms. Reports on stdout, one JSON line per event, for the test to assert on:
 *
 *   listening        { url }                  the server is up
 *   half             { }                      the 100th request entered the route (the parent sends SIGTERM then)
 *   before-shutdown  { inFlight: ids }        the drain has begun; the route's requests running at that moment
 *   released         { inFlight: ids }        the parent let the shutdown go on; the route's requests still running
 *   plugin-shutdown  { admitted, inFlight }   every request id the route took, and how many were still running
 *   root-shutdown    { }
 *
 * The test plugin's before-shutdown hook holds the shutdown until the parent writes a line on stdin (or goes away),
 * so the parent can send requests while the backend drains and see them refused (what a hook waiting for a load
 * balancer to notice the shutdown does in production). A request that would end during that hold ends 100 ms
 * after it instead: whatever the speed of the machine, requests are still running when the hold is released, and
 * only the server's own drain can keep the shutdown from cutting them off. The request that reports `half` stays in
 * the route until the drain has begun, so at least one is in flight then however late the SIGTERM arrives.
 */
import express from 'express';
import { createInterface } from 'readline';
import { setTimeout as sleep } from 'timers/promises';
import { coreServices, createBackend, createBackendPlugin } from '../../../../framework';
import { createRootHttpRouterServiceFactory, type HttpServer } from '../../../../framework/services/rootHttpRouter';

const ROUTE_MS = 200;
const AFTER_RELEASE_MS = 100;
const HALF = 100;

function report(event: string, fields: Record<string, unknown> = {}) {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

const stdinLines = createInterface({ input: process.stdin });
// No time limit: a limit is a race with a loaded machine. A parent that dies closes stdin, which ends the hold too.
const parentSaysGo = () =>
  new Promise<void>((resolve) => {
    stdinLines.once('line', () => resolve());
    stdinLines.once('close', () => resolve());
  });

const admitted: number[] = [];
const inFlight = new Set<number>();
let hold: Promise<void> | undefined;
let drainBegun!: () => void;
const draining = new Promise<void>((resolve) => (drainBegun = resolve));

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
          router.get('/work', async (req, res) => {
            const id = Number(req.query.id);
            admitted.push(id);
            inFlight.add(id);
            if (admitted.length === HALF) {
              report('half');
              await draining;
            }
            await sleep(ROUTE_MS);
            if (hold) {
              await hold;
              await sleep(AFTER_RELEASE_MS);
            }
            inFlight.delete(id);
            res.json({ id });
          });
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/work', allow: 'unauthenticated' });

          rootLifecycle.addBeforeShutdownHook(async () => {
            hold = parentSaysGo();
            report('before-shutdown', { inFlight: [...inFlight] });
            drainBegun();
            await hold;
            report('released', { inFlight: [...inFlight] });
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
