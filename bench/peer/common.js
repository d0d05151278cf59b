/**
 * What the side-by-side benchmarks share: whether the peer is installed, the config both systems run with, the
 * child processes (one backend each), ports and medians.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { createInterface } = require('readline');
const { buildForklift } = require('./buildForklift');

const PEER_DIR = __dirname;
const SETUP_HINT = 'bench: the Backstage side needs the published packages: run `npm run bench:setup` (installs bench/peer/node_modules)';

function peerInstalled() {
  return fs.existsSync(path.join(PEER_DIR, 'node_modules', '@backstage', 'backend-defaults', 'package.json'));
}

function peerVersions() {
  const read = (name) => JSON.parse(fs.readFileSync(path.join(PEER_DIR, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { backendDefaults: read('@backstage/backend-defaults'), backendPluginApi: read('@backstage/backend-plugin-api') };
}

/**
 * Config files in a fresh temporary directory. Both systems get their cheapest production-like setup: service
 * tokens signed with configured keys (Forklift: a shared secret; Backstage: a static key pair, so it needs no
 * database for its key store), an in-memory SQLite database that no trivial plugin opens, logging at warn.
 */
function writeConfigs() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-bench-peer-'));
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  fs.writeFileSync(path.join(dir, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const common = [
    'backend:',
    '  listen:',
    '    host: 127.0.0.1',
    '  database:',
    '    client: better-sqlite3',
    "    connection: ':memory:'",
  ];
  const forklift = [...common, '  auth:', '    keys:', `      - secret: ${crypto.randomBytes(24).toString('hex')}`];
  const backstage = [
    ...common,
    '  auth:',
    '    pluginKeyStore:',
    '      type: static',
    '      static:',
    '        keys:',
    `          - publicKeyFile: ${path.join(dir, 'public.pem')}`,
    `            privateKeyFile: ${path.join(dir, 'private.pem')}`,
    '            keyId: bench',
  ];
  const files = { forklift: path.join(dir, 'forklift.yaml'), backstage: path.join(dir, 'backstage.yaml') };
  fs.writeFileSync(files.forklift, `${forklift.join('\n')}\n`);
  fs.writeFileSync(files.backstage, `${backstage.join('\n')}\n`);
  return { files, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A port that was free a moment ago (the child binds it itself, so its start includes listening). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts child.js for one system and resolves once it serves, with its figures and `stop()`. `serve` keeps it
 * running (HTTP benchmark); otherwise it exits by itself after reporting.
 */
async function runChild({ system, plugins, configs, forkliftDir, serve = false }) {
  const port = await freePort();
  const args = [path.join(PEER_DIR, 'child.js'), system, String(plugins)];
  if (system !== 'express') args.push('--config', configs.files[system]);
  const child = spawn(process.execPath, args, {
    // Backstage looks for the package.json of the backend above its working directory.
    cwd: PEER_DIR,
    stdio: serve ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      BENCH_PORT: String(port),
      BENCH_SERVE: serve ? '1' : '0',
      BENCH_FORKLIFT_DIR: forkliftDir,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: `http://127.0.0.1:${port}`,
    },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout });
  const figures = await new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`bench: ${system} with ${plugins} plugin(s) exited with code ${code} before serving\n${stderr.slice(-2000)}`)),
    );
    lines.on('line', (line) => {
      if (!line.startsWith('{"child"')) return; // Backstage prints a config line on stdout.
      resolve(JSON.parse(line).child);
    });
  });
  const exited = new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  return {
    figures,
    url: `http://127.0.0.1:${port}/api/p0/hello`,
    /** CPU time (user + system) the serving child has used so far, in microseconds. */
    cpuMicros: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message.cpuMicros));
        child.send('cpu');
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value, digits = 1) => Number(value.toFixed(digits));

function emit(figure) {
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

module.exports = { SETUP_HINT, buildForklift, emit, freePort, median, peerInstalled, peerVersions, round, runChild, writeConfigs };
