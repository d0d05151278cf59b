/**
 * Run as a child process by handlerFaults.test.ts: an old backend on the legacy runtime
 * (`createServiceBuilder(module).addRouter('/api', apiRouter)`, no plugin system), whose router has an async
 * handler that throws (`GET /api/boom`) next to one that works (`GET /api/ping`).
 */
import express from 'express';
import { setTimeout as sleep } from 'timers/promises';
import { ConfigReader } from '../../../../framework/services/rootConfig';
import { createServiceBuilder } from '../../../../legacy-bridge';

async function main() {
  const apiRouter = express.Router();
  apiRouter.get('/boom', async () => {
    await sleep(5);
    throw new Error('legacy runtime handler failed');
  });
  apiRouter.get('/ping', (_req, res) => {
    res.json({ pong: true });
  });
  const config = new ConfigReader({ backend: { listen: { host: '127.0.0.1', port: 0 } } });
  const server = await createServiceBuilder(module).loadConfig(config).addRouter('/api', apiRouter).start();
  const { port } = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
}

main().catch((error) => {
  process.stderr.write(`start failed: ${error.stack ?? error}\n`);
  process.exit(3);
});
