/**
 * Requests per second through a plugin route of a started backend, beside a bare express app serving the same
 * handler, measured in one run with autocannon over loopback. The servers run in a child process so the load
 * generator does not take their CPU; targets alternate over several rounds and the median per-round ratio is
 * reported. Prints one JSON line per figure (median over rounds, with the server's CPU time per request, which
 * holds up better than throughput on a busy machine), then the ratios (target: backend >= 0.85 of express).
 *
 *   npm run bench:http                     (BENCH_DURATION=3 seconds per target per round, BENCH_ROUNDS=5, BENCH_CONNECTIONS=10)
 */
import { spawn } from 'child_process';
import { createInterface } from 'readline';
import { join } from 'path';
import autocannon from 'autocannon';
import { ConfigReader } from '../../framework/services/rootConfig';
import { DefaultAuthService, readAuthKeys, readExternalAccess } from '../../framework/services/auth';

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TARGET_RATIO = 0.85;
const SECRET = 'bench-http-shared-secret-0123456789';

interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

interface Servers {
  express: string;
  backend: string;
  /** CPU time (user + system) the server process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): void;
}

async function startServers(): Promise<Servers> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'servers.ts')], {
    cwd: __dirname,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_CONFIG_backend_listen: JSON.stringify({ host: '127.0.0.1', port: 0 }),
      APP_CONFIG_backend_logging_level: 'warn',
      APP_CONFIG_backend_auth_keys: JSON.stringify([{ secret: SECRET }]),
    },
  });
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ express: string; backend: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench servers exited early with code ${code}`)));
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line);
        if (parsed.ready) resolve(parsed.ready);
      } catch {
        // Not our line (e.g. a log line); ignore it.
      }
    });
  });
  const cpuMicros = () =>
    new Promise<number>((resolve) => {
      child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
      child.send('cpu');
    });
  return { ...ready, cpuMicros, stop: () => child.kill('SIGKILL') };
}

async function serviceToken(): Promise<string> {
  const config = new ConfigReader({ backend: { auth: { keys: [{ secret: SECRET }] } } });
  const auth = new DefaultAuthService({ pluginId: 'loadgen', keys: readAuthKeys(config), externalTokens: readExternalAccess(config) });
  const { token } = await auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: 'bench' });
  return token;
}

interface Sample {
  requestsPerSecond: number;
  p99Ms: number;
  serverCpuMicrosPerRequest: number;
}

async function load(servers: Servers, target: Target, duration: number): Promise<Sample> {
  const cpuBefore = await servers.cpuMicros();
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, duration, headers: target.headers });
  const cpuAfter = await servers.cpuMicros();
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx responses and ${result.errors} errors from ${target.url}`);
  }
  return {
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    serverCpuMicrosPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main() {
  const servers = await startServers();
  try {
    const token = await serviceToken();
    const targets: Target[] = [
      { name: 'express', url: `${servers.express}/api/bench/hello` },
      { name: 'backend', url: `${servers.backend}/api/bench/hello` },
      { name: 'backend-service-token', url: `${servers.backend}/api/bench/private/hello`, headers: { authorization: `Bearer ${token}` } },
    ];
    for (const target of targets) await load(servers, target, 1); // warm-up: JIT, connection pools
    // Each round measures every target back to back; the ratio is taken per round and the median reported,
    // so a slow moment on a shared machine lowers both sides of one ratio instead of skewing the result.
    const rounds: Array<Record<string, Sample>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const figures: Record<string, Sample> = {};
      for (const target of targets) figures[target.name] = await load(servers, target, DURATION);
      rounds.push(figures);
    }
    for (const target of targets) {
      console.log(
        JSON.stringify({
          bench: 'http',
          target: target.name,
          requestsPerSecond: Math.round(median(rounds.map((r) => r[target.name].requestsPerSecond))),
          p99LatencyMs: median(rounds.map((r) => r[target.name].p99Ms)),
          serverCpuMicrosPerRequest: Number(median(rounds.map((r) => r[target.name].serverCpuMicrosPerRequest)).toFixed(1)),
          // Interference from other processes only ever adds CPU time, so the least round is the cleanest figure.
          serverCpuMicrosPerRequestMin: Number(Math.min(...rounds.map((r) => r[target.name].serverCpuMicrosPerRequest)).toFixed(1)),
          rounds: ROUNDS,
          durationSeconds: DURATION,
          connections: CONNECTIONS,
        }),
      );
    }
    const ratio = median(rounds.map((r) => r.backend.requestsPerSecond / r.express.requestsPerSecond));
    const ratioWithToken = median(rounds.map((r) => r['backend-service-token'].requestsPerSecond / r.express.requestsPerSecond));
    // Throughput a server-bound backend would reach relative to express, judged by CPU per request.
    const cpuRatio = median(rounds.map((r) => r.express.serverCpuMicrosPerRequest / r.backend.serverCpuMicrosPerRequest));
    const minCpu = (name: string) => Math.min(...rounds.map((r) => r[name].serverCpuMicrosPerRequest));
    const minCpuRatio = minCpu('express') / minCpu('backend');
    console.log(
      JSON.stringify({
        bench: 'http',
        figure: 'ratio',
        backendToExpress: Number(ratio.toFixed(3)),
        backendWithServiceTokenToExpress: Number(ratioWithToken.toFixed(3)),
        backendToExpressByServerCpu: Number(cpuRatio.toFixed(3)),
        backendToExpressByMinServerCpu: Number(minCpuRatio.toFixed(3)),
        target: TARGET_RATIO,
        meetsTarget: ratio >= TARGET_RATIO,
      }),
    );
  } finally {
    servers.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
