#!/usr/bin/env node
/**
 * HTTP side by side: one route (`GET /api/p0/hello` -> `{"hello":"world"}`) served by a bare express app, by a
 * Forklift backend and by a Backstage backend (one plugin, route opened with an unauthenticated auth policy, every
 * default middleware of each system), each in its own process, under the same autocannon load over loopback.
 * After a warm-up, every round loads each server in turn (the order rotates) and ratios are taken per round;
 * the medians are printed. Targets: Forklift >= 0.85x bare express and >= 2x Backstage in requests per second.
 *
 *   node bench/peer/http.js        BENCH_DURATION=4 (seconds per server per round)  BENCH_ROUNDS=5  BENCH_CONNECTIONS=10
 */
const autocannon = require('autocannon');
const { SETUP_HINT, buildForklift, emit, median, peerInstalled, peerVersions, round, runChild, writeConfigs } = require('./common');

const DURATION = Number(process.env.BENCH_DURATION ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 2;
const TARGETS = { forkliftToExpress: 0.85, forkliftToBackstage: 2 };

/**
 * One load run against one server. Beside requests per second, the server's CPU time per request: on a machine
 * shared with other work it holds up better than throughput, which also measures the neighbours.
 */
async function load(system, server, duration) {
  const cpuBefore = await server.cpuMicros();
  const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration });
  const cpuAfter = await server.cpuMicros();
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${system}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts from ${server.url}`,
    );
  }
  return {
    requestsPerSecond: result.requests.average,
    p99LatencyMs: result.latency.p99,
    serverCpuMicrosPerRequest: (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
  };
}

async function main() {
  const withPeer = peerInstalled();
  if (!withPeer) process.stdout.write(`${SETUP_HINT}; measuring Forklift against bare express alone\n`);
  const systems = withPeer ? ['express', 'forklift', 'backstage'] : ['express', 'forklift'];
  const forkliftDir = buildForklift();
  emit({
    bench: 'peer-http',
    figure: 'setup',
    route: 'GET /api/p0/hello',
    backstage: withPeer ? peerVersions() : 'not installed',
    node: process.version,
    rounds: ROUNDS,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
  });
  const configs = writeConfigs();
  const servers = {};
  try {
    for (const system of systems) servers[system] = await runChild({ system, plugins: 1, configs, forkliftDir, serve: true });
    for (const system of systems) await load(system, servers[system], WARMUP_SECONDS);
    const rounds = [];
    for (let r = 0; r < ROUNDS; r++) {
      const figures = {};
      const order = systems.map((_, i) => systems[(i + r) % systems.length]);
      for (const system of order) figures[system] = await load(system, servers[system], DURATION);
      rounds.push(figures);
    }
    for (const system of systems) {
      emit({
        bench: 'peer-http',
        system,
        requestsPerSecond: Math.round(median(rounds.map((f) => f[system].requestsPerSecond))),
        p99LatencyMs: median(rounds.map((f) => f[system].p99LatencyMs)),
        serverCpuMicrosPerRequest: round(median(rounds.map((f) => f[system].serverCpuMicrosPerRequest))),
        // The least disturbed round: neighbours only ever add CPU time (cache misses, migrations), never take it.
        serverCpuMicrosPerRequestMin: round(Math.min(...rounds.map((f) => f[system].serverCpuMicrosPerRequest))),
        rounds: ROUNDS,
        durationSeconds: DURATION,
        connections: CONNECTIONS,
      });
    }
    const ratio = (a, b) => round(median(rounds.map((f) => f[a].requestsPerSecond / f[b].requestsPerSecond)), 3);
    // Throughput a CPU-bound server would reach relative to the other, judged by CPU per request.
    const cpuRatio = (a, b) => round(median(rounds.map((f) => f[b].serverCpuMicrosPerRequest / f[a].serverCpuMicrosPerRequest)), 3);
    const minCpu = (system) => Math.min(...rounds.map((f) => f[system].serverCpuMicrosPerRequest));
    const minCpuRatio = (a, b) => round(minCpu(b) / minCpu(a), 3);
    const ratios = { forkliftToExpress: ratio('forklift', 'express') };
    const byCpu = { forkliftToExpress: cpuRatio('forklift', 'express') };
    const byMinCpu = { forkliftToExpress: minCpuRatio('forklift', 'express') };
    if (withPeer) {
      ratios.forkliftToBackstage = ratio('forklift', 'backstage');
      byCpu.forkliftToBackstage = cpuRatio('forklift', 'backstage');
      byMinCpu.forkliftToBackstage = minCpuRatio('forklift', 'backstage');
    }
    emit({
      bench: 'peer-http',
      figure: 'ratio',
      requestsPerSecond: ratios,
      byServerCpuPerRequest: byCpu,
      byMinServerCpuPerRequest: byMinCpu,
      targets: TARGETS,
      meetsTargets:
        ratios.forkliftToExpress >= TARGETS.forkliftToExpress && (!withPeer || ratios.forkliftToBackstage >= TARGETS.forkliftToBackstage),
    });
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    configs.remove();
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
