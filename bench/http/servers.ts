/**
 * The child process of the HTTP benchmark: a bare express app and a started backend serve the same handler.
 * Prints one JSON line `{ "ready": { "express": <url>, "backend": <url> } }` on stdout, answers `cpu` messages
 * with its CPU time, and serves until killed.
 */
import express, { type RequestHandler } from 'express';
import type { AddressInfo } from 'net';
import { coreServices, createBackend, createBackendPlugin } from '../../framework';
import { createRootHttpRouterServiceFactory, type HttpServer } from '../../framework/services/rootHttpRouter';

const handler: RequestHandler = (_req, res) => {
  res.json({ hello: 'world' });
};

async function startBareExpress(): Promise<string> {
  const app = express();
  app.get('/api/bench/hello', handler);
  app.get('/api/bench/private/hello', handler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startBackend(): Promise<string> {
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
      pluginId: 'bench',
      register(env) {
        env.registerInit({
          deps: { httpRouter: coreServices.httpRouter },
          async init({ httpRouter }) {
            const router = express.Router();
            router.get('/hello', handler);
            router.get('/private/hello', handler);
            httpRouter.use(router);
            httpRouter.addAuthPolicy({ path: '/hello', allow: 'unauthenticated' });
          },
        });
      },
    }),
  );
  await backend.start();
  if (!httpServer) throw new Error('bench: the root HTTP router was not created');
  return httpServer.address().url;
}

async function main() {
  const [expressUrl, backendUrl] = [await startBareExpress(), await startBackend()];
  process.stdout.write(`${JSON.stringify({ ready: { express: expressUrl, backend: backendUrl } })}\n`);
  // The parent asks for this process's CPU time around each load run: CPU per request holds up better than
  // throughput when other work competes for the machine's cores.
  process.on('message', (message) => {
    if (message === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send!({ cpuMicros: user + system });
    }
  });
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
