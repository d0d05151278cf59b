/**
 * One backend for the side-by-side benchmarks, in its own process:
 *
 *   node child.js <forklift|backstage|express> <plugins> --config <app-config.yaml>
 *
 * forklift and backstage build the same backend: <plugins> trivial plugins `p0`..`pN-1`, each depending on
 * logger, rootConfig and httpRouter and serving GET /api/<id>/hello, opened with an unauthenticated auth policy.
 * express serves the same handler at /api/p0/hello with nothing else. Prints one JSON line (`{"child": ...}`)
 * once the server answers, then exits, or keeps serving with BENCH_SERVE=1 (the HTTP benchmark; it then answers
 * `cpu` messages on the IPC channel with its CPU time so far).
 * BENCH_FORKLIFT_DIR is the compiled framework (see buildForklift.js).
 */
const path = require('path');

const [system, pluginsArg] = process.argv.slice(2);
const plugins = Number(pluginsArg);
const port = Number(process.env.BENCH_PORT);

const handler = (_req, res) => {
  res.json({ hello: 'world' });
};

/** `require(name)` as seen from `dir`: each system gets the copy its own packages would load. */
function requireFrom(dir, name) {
  return require(require.resolve(name, { paths: [dir] }));
}

/** Loads the system's own copies of its API and of express, as a real backend of that system would. */
function loadSystem() {
  if (system === 'forklift') {
    const dir = process.env.BENCH_FORKLIFT_DIR;
    if (!dir) throw new Error('BENCH_FORKLIFT_DIR must point at the compiled framework (bench/peer/buildForklift.js)');
    const api = require(dir);
    return { createBackend: api.createBackend, api, express: requireFrom(dir, 'express') };
  }
  if (system === 'backstage') {
    const { createBackend } = require('@backstage/backend-defaults');
    const api = require('@backstage/backend-plugin-api');
    return { createBackend, api, express: requireFrom(path.dirname(require.resolve('@backstage/backend-defaults')), 'express') };
  }
  throw new Error(`unknown system '${system}': use forklift, backstage or express`);
}

function trivialPlugin(api, express, pluginId) {
  return api.createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { logger: api.coreServices.logger, config: api.coreServices.rootConfig, httpRouter: api.coreServices.httpRouter },
        async init({ logger, config, httpRouter }) {
          const router = express.Router();
          router.get('/hello', handler);
          httpRouter.use(router);
          httpRouter.addAuthPolicy({ path: '/hello', allow: 'unauthenticated' });
          logger.debug(`${pluginId} up, base URL ${config.getString('backend.baseUrl')}`);
        },
      });
    },
  });
}

async function startBackend() {
  const loadStart = performance.now();
  const { createBackend, api, express } = loadSystem();
  const loadMs = performance.now() - loadStart;
  const backend = createBackend();
  for (let i = 0; i < plugins; i++) backend.add(trivialPlugin(api, express, `p${i}`));
  const startStart = performance.now();
  const cpuBefore = process.cpuUsage();
  await backend.start();
  const startMs = performance.now() - startStart;
  return { loadMs, startMs, startCpuMs: cpuMs(process.cpuUsage(cpuBefore)) };
}

async function startExpress() {
  const loadStart = performance.now();
  // The project's express, the one Forklift's framework runs on.
  const express = requireFrom(path.join(__dirname, '..', '..'), 'express');
  const loadMs = performance.now() - loadStart;
  const startStart = performance.now();
  const cpuBefore = process.cpuUsage();
  const app = express();
  app.get('/api/p0/hello', handler);
  await new Promise((resolve, reject) => app.listen(port, '127.0.0.1', resolve).once('error', reject));
  return { loadMs, startMs: performance.now() - startStart, startCpuMs: cpuMs(process.cpuUsage(cpuBefore)) };
}

/** User + system CPU time: unlike the wall clock, it does not count the time a busy machine gave to others. */
function cpuMs({ user, system }) {
  return (user + system) / 1000;
}

/** The first and the last plugin must answer, so both systems are measured doing the whole job. */
async function check() {
  const ids = system === 'express' ? ['p0'] : ['p0', `p${plugins - 1}`];
  for (const id of ids) {
    const response = await fetch(`http://127.0.0.1:${port}/api/${id}/hello`);
    const body = await response.text();
    if (response.status !== 200 || body !== '{"hello":"world"}') {
      throw new Error(`${system}: GET /api/${id}/hello answered ${response.status} ${body.slice(0, 200)}`);
    }
  }
}

async function main() {
  if (!Number.isInteger(plugins) || plugins <= 0) throw new Error(`usage: child.js <system> <plugins>, got plugins '${pluginsArg}'`);
  if (!Number.isInteger(port) || port <= 0) throw new Error('BENCH_PORT must be the port to listen on');
  const { loadMs, startMs, startCpuMs } = system === 'express' ? await startExpress() : await startBackend();
  // performance.now() counts from the start of the process: this is process start to serving.
  const readyMs = performance.now();
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  await check();
  const round = (value) => Math.round(value * 10) / 10;
  process.stdout.write(
    `${JSON.stringify({ child: { system, plugins, loadMs: round(loadMs), startMs: round(startMs), startCpuMs: round(startCpuMs), readyMs: round(readyMs), rssMb: round(rssMb) } })}\n`,
  );
  if (process.env.BENCH_SERVE === '1') {
    // The HTTP benchmark asks for this process's CPU time around each load run (through the IPC channel).
    process.on('message', (message) => {
      if (message === 'cpu') process.send({ cpuMicros: cpuMs(process.cpuUsage()) * 1000 });
    });
  } else {
    // Skips stop(): shutdown is not measured, and a quick exit keeps the runs short.
    process.stdout.write('', () => process.exit(0));
  }
}

main().catch((error) => {
  process.stderr.write(`${system}: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
