/**
 * The real published plugin set (test/published-new-system) started on Forklift and on Backstage's
 * createBackend(), side by side: start() time, its CPU time and RSS after start, medians of alternating runs.
 *
 *   npx tsc -p tsconfig.build.json && node bench/peer/realPlugins.js [runs]
 */
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const runs = Number(process.argv[2] ?? 3);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function configFor(port, dir) {
  return {
    app: { baseUrl: 'http://localhost:3000', packageName: 'bench-app', disableConfigInjection: true },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      logging: { level: 'warn' },
    },
    catalog: { rules: [{ allow: ['Component'] }], locations: [{ type: 'file', target: path.join(dir, 'catalog-info.yaml') }] },
    search: { collators: { catalog: { schedule: { frequency: { minutes: 10 }, timeout: { minutes: 3 }, initialDelay: { minutes: 5 } } } } },
  };
}

function runChild(system, config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'realPluginsChild.js'), system], {
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', BENCH_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"child"'));
      if (code !== 0 || !line) reject(new Error(`${system} failed (${code}):\n${err.slice(-3000)}`));
      else resolve(JSON.parse(line));
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value) => Math.round(value * 10) / 10;

async function main() {
  if (!fs.existsSync(path.join(ROOT, 'test', 'published-new-system', 'node_modules', '@backstage', 'backend-defaults'))) {
    throw new Error('bench: run `npm ci --prefix test/published-new-system --ignore-scripts` first');
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'framework', 'index.js')))
    throw new Error('bench: run `npx tsc -p tsconfig.build.json` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-bench-real-'));
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: bench\nspec:\n  type: service\n  lifecycle: production\n  owner: me\n',
  );
  const results = { forklift: [], backstage: [] };
  for (let i = 0; i < runs; i++) {
    for (const system of ['forklift', 'backstage']) {
      const figure = await runChild(system, configFor(await freePort(), dir));
      results[system].push(figure);
      process.stdout.write(`${JSON.stringify({ run: i, ...figure })}\n`);
    }
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([system, figures]) => [
      system,
      {
        startMs: round(median(figures.map((f) => f.startMs))),
        startCpuMs: round(median(figures.map((f) => f.startCpuMs))),
        rssMb: round(median(figures.map((f) => f.rssMb))),
      },
    ]),
  );
  process.stdout.write(`${JSON.stringify({ summary, runs })}\n`);
  console.table(summary);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
