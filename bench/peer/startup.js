#!/usr/bin/env node
/**
 * Startup side by side: the same backend (N trivial plugins, each depending on logger, rootConfig and httpRouter
 * and serving one route) in Forklift and in the published Backstage packages, each run in a fresh process.
 * Prints one JSON line per system and size (medians over the runs), then the ratios Forklift / Backstage.
 *
 *   node bench/peer/startup.js        BENCH_PLUGINS=100,500  BENCH_RUNS=5
 *
 * readyMs: process start to serving (module loading included); startMs: backend.start() alone;
 * startCpuMs: CPU time spent in start() (steadier than the wall clock on a shared machine); loadMs: loading the
 * system's modules; rssMb: resident memory right after start(). Targets: startMs <= 0.25x and rssMb <= 0.5x Backstage's.
 */
const { SETUP_HINT, buildForklift, emit, median, peerInstalled, peerVersions, round, runChild, writeConfigs } = require('./common');

const SIZES = (process.env.BENCH_PLUGINS ?? '100,500').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGETS = { startMs: 0.25, rssMb: 0.5 };
const FIELDS = ['readyMs', 'startMs', 'startCpuMs', 'loadMs', 'rssMb'];

async function main() {
  const withPeer = peerInstalled();
  if (!withPeer) process.stdout.write(`${SETUP_HINT}; measuring Forklift alone\n`);
  const systems = withPeer ? ['forklift', 'backstage'] : ['forklift'];
  const forkliftDir = buildForklift();
  emit({
    bench: 'peer-startup',
    figure: 'setup',
    forklift: 'framework/ compiled to CommonJS JavaScript (bench/peer/buildForklift.js), run by node like the published packages',
    backstage: withPeer ? peerVersions() : 'not installed',
    node: process.version,
    runs: RUNS,
  });
  const configs = writeConfigs();
  try {
    for (const plugins of SIZES) {
      const samples = Object.fromEntries(systems.map((system) => [system, []]));
      // Alternating systems within each run spreads a busy moment of a shared machine over both sides.
      for (let run = 0; run < RUNS; run++) {
        for (const system of systems) {
          const child = await runChild({ system, plugins, configs, forkliftDir });
          await child.stop();
          samples[system].push(child.figures);
        }
      }
      const medians = {};
      for (const system of systems) {
        medians[system] = Object.fromEntries(FIELDS.map((field) => [field, round(median(samples[system].map((s) => s[field])))]));
        emit({ bench: 'peer-startup', system, plugins, runs: RUNS, ...medians[system] });
      }
      if (withPeer) {
        const ratio = (field) => round(medians.forklift[field] / medians.backstage[field], 3);
        const ratios = { readyMs: ratio('readyMs'), startMs: ratio('startMs'), startCpuMs: ratio('startCpuMs'), rssMb: ratio('rssMb') };
        emit({
          bench: 'peer-startup',
          figure: 'ratio',
          plugins,
          forkliftToBackstage: ratios,
          targets: TARGETS,
          meetsTargets: ratios.startMs <= TARGETS.startMs && ratios.rssMb <= TARGETS.rssMb,
        });
      }
    }
  } finally {
    configs.remove();
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
