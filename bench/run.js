#!/usr/bin/env node
/**
 * `npm run bench`: runs every benchmark under bench/ one after another (never two at once: they would measure each
 * other), passes their JSON lines through, and ends with a short table of every figure. The side-by-side runs
 * against the published Backstage packages need `npm run bench:setup` first; without it they are skipped with a
 * line saying so. Exits 1 when any benchmark failed (the others still run).
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createInterface } = require('readline');
const { SETUP_HINT, peerInstalled } = require('./peer/common');

const BENCH = __dirname;

/**
 * Each benchmark: its own `npm run bench:<name>` script when package.json has one, else the first of its entry
 * files that exists; one with neither is not there yet and is left out.
 */
const BENCHMARKS = [
  { name: 'startup', entries: ['startup/run.js'] },
  { name: 'http', entries: ['http/index.ts'] },
  { name: 'codemod', entries: ['codemod/run.js', 'codemod/index.js', 'codemod/index.ts', 'codemod/run.ts'] },
  { name: 'peer-startup', entries: ['peer/startup.js'], needsPeer: true, noScript: true },
  { name: 'peer-http', entries: ['peer/http.js'], needsPeer: true, noScript: true },
];

function command(benchmark) {
  const scripts = JSON.parse(fs.readFileSync(path.join(BENCH, '..', 'package.json'), 'utf8')).scripts || {};
  if (!benchmark.noScript && scripts[`bench:${benchmark.name}`]) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    return { label: `npm run bench:${benchmark.name}`, file: npm, args: ['run', '--silent', `bench:${benchmark.name}`] };
  }
  const entry = benchmark.entries.find((e) => fs.existsSync(path.join(BENCH, e)));
  if (!entry) return undefined;
  const file = path.join(BENCH, entry);
  return { label: `bench/${entry}`, file: process.execPath, args: file.endsWith('.ts') ? ['--import', 'tsx', file] : [file] };
}

function run({ file, args }) {
  return new Promise((resolve) => {
    const figures = [];
    const child = spawn(file, args, { cwd: path.join(BENCH, '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      process.stdout.write(`${line}\n`);
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line);
        if (parsed && typeof parsed === 'object' && parsed.bench) figures.push(parsed);
      } catch {
        // A line that only looks like JSON: passed through above, not a figure.
      }
    });
    child.on('error', (error) => resolve({ ok: false, code: error.message, figures }));
    child.on('exit', (code, signal) => resolve({ ok: code === 0, code: code ?? signal, figures }));
  });
}

function machine() {
  const cpus = os.cpus();
  return {
    bench: 'machine',
    nproc: os.availableParallelism ? os.availableParallelism() : cpus.length,
    cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine while it ran: the figures are only comparable within one run.
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  };
}

/** A row: the bench, the words that name what was measured (its text fields), and its figures as `a.b=1`. */
function describe(figure) {
  const label = Object.keys(figure).filter(
    (k) => !['bench', 'machine', 'node', 'platform'].includes(k) && (typeof figure[k] === 'string' || k === 'plugins' || k === 'files'),
  );
  const subject = label.map((k) => (typeof figure[k] === 'string' ? figure[k] : `${figure[k]} ${k}`)).join(' ');
  const parts = [];
  const visit = (value, prefix) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, prefix ? `${prefix}.${key}` : key);
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      parts.push(`${prefix}=${value}`);
    }
  };
  for (const [key, value] of Object.entries(figure)) {
    if (key === 'bench' || label.includes(key)) continue;
    visit(value, key);
  }
  return [figure.bench, subject, parts.join(' ')];
}

function table(rows) {
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2]}`).join('\n');
}

async function main() {
  const info = machine();
  process.stdout.write(`${JSON.stringify(info)}\n`);
  const withPeer = peerInstalled();
  const all = [];
  const failed = [];
  for (const benchmark of BENCHMARKS) {
    const cmd = command(benchmark);
    if (!cmd) continue;
    if (benchmark.needsPeer && !withPeer) {
      process.stdout.write(`bench: skipping ${benchmark.name}: the published Backstage packages are not installed\n`);
      continue;
    }
    process.stderr.write(`bench: running ${benchmark.name} (${cmd.label})\n`);
    const result = await run(cmd);
    all.push(...result.figures);
    if (!result.ok) failed.push(`${benchmark.name} (exit ${result.code})`);
  }
  const rows = all.filter((f) => f.figure !== 'setup').map(describe);
  process.stdout.write(`\n${table([['bench', 'what', 'figures'], ...rows])}\n`);
  const loadAtEnd = os.loadavg().map((l) => Math.round(l * 10) / 10);
  process.stdout.write(
    `\nmachine: ${info.nproc} CPUs (${info.cpu}), ${info.memoryGb} GiB, node ${info.node}; load average ${info.loadAverage.join(' ')} at the start, ${loadAtEnd.join(' ')} at the end\n`,
  );
  if (!withPeer) process.stdout.write(`${SETUP_HINT}\n`);
  if (failed.length > 0) {
    process.stderr.write(`bench: failed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
