#!/usr/bin/env node
/**
 * Codemod benchmark: `npm run bench:codemod [-- --plugins N --runs R]` (defaults 200 and 3). Generates a legacy monorepo
 * (N plugin packages and a backend mounting all of them, about 10 files per plugin), then in the same run
 * times `forklift migrate` (the built CLI) and the jscodeshift CLI applying the same transforms (one
 * jscodeshift pass per transform, through a thin wrapper module) to identical copies. Prints one JSON line
 * per figure (medians of R alternating runs) and a short table. Target: forklift at least 2x the jscodeshift CLI in files per second.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { generateMonorepo } = require('./generateMonorepo');

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function argValue(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? Number(process.argv[at + 1]) : fallback;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The benchmark measures what users run: the compiled CLI. Rebuild when the sources are newer. */
function ensureBuilt() {
  const cli = path.join(ROOT, 'dist', 'codemods', 'cli.js');
  if (fs.existsSync(cli) && fs.statSync(cli).mtimeMs >= newestMtime(path.join(ROOT, 'codemods'))) return;
  process.stderr.write('bench/codemod: building dist/ (tsc -p tsconfig.build.json) ...\n');
  spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (!fs.existsSync(cli))
    throw new Error('bench/codemod: the build produced no dist/codemods/cli.js; run `npm run build` and fix its errors');
}

function listFiles(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, child));
    else out.push(child);
  }
  return out;
}

function sameTrees(a, b) {
  const fa = listFiles(a).sort();
  const fb = listFiles(b).sort();
  if (fa.join('\n') !== fb.join('\n')) return false;
  return fa.every((f) => fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))));
}

const CLOCK_TICKS = (() => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(result.stdout) > 0 ? Number(result.stdout) : 100;
})();

/** CPU seconds (user + system) of every finished child process, from /proc on Linux; undefined elsewhere. */
function childrenCpuSeconds() {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Wall time, and the CPU time the tool's processes used: the second barely moves with the machine's load. */
function timed(label, fn) {
  const cpuBefore = childrenCpuSeconds();
  const start = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuAfter = childrenCpuSeconds();
  return { label, seconds, cpuSeconds: cpuBefore === undefined ? undefined : cpuAfter - cpuBefore };
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${path.basename(command)} ${args.slice(0, 2).join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
  return result;
}

function main() {
  const plugins = argValue('--plugins', 200);
  const runs = Math.max(1, argValue('--runs', 3));
  ensureBuilt();
  const { allTransforms } = require(path.join(ROOT, 'dist', 'codemods', 'transforms'));
  const names = allTransforms.map((t) => t.name);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-bench-codemod-'));
  try {
    const base = path.join(work, 'base');
    generateMonorepo(base, plugins);
    const files = listFiles(base).filter((f) => SOURCE.test(f)).length;
    const wrappers = path.join(work, 'wrappers');
    fs.mkdirSync(wrappers);
    for (const name of names) {
      fs.writeFileSync(
        path.join(wrappers, `${name}.js`),
        `module.exports = require(${JSON.stringify(path.join(__dirname, 'jscodeshiftWrapper.js'))})(${JSON.stringify(name)});\n`,
      );
    }
    const jscodeshiftBin = path.join(ROOT, 'node_modules', '.bin', 'jscodeshift');

    // Alternate the two tools over fresh copies and keep the medians: a shared machine's load drifts.
    const forkliftRuns = [];
    const jscodeshiftRuns = [];
    let summary;
    let sameOutput;
    for (let i = 0; i < runs; i += 1) {
      const forkliftDir = path.join(work, `forklift-${i}`);
      const jscsDir = path.join(work, `jscodeshift-${i}`);
      fs.cpSync(base, forkliftDir, { recursive: true });
      fs.cpSync(base, jscsDir, { recursive: true });
      forkliftRuns.push(
        timed('forklift migrate', () => {
          const result = run(process.execPath, [path.join(ROOT, 'bin', 'forklift.js'), 'migrate', forkliftDir, '--force', '--json']);
          summary = JSON.parse(result.stdout).summary;
        }),
      );
      jscodeshiftRuns.push(
        timed('jscodeshift CLI', () => {
          for (const name of names) {
            run(jscodeshiftBin, [
              '-t',
              path.join(wrappers, `${name}.js`),
              '--no-babel',
              '--extensions=ts,tsx,js,jsx,mjs,cjs',
              '--parser=ts',
              '--ignore-pattern=**/node_modules/**',
              '--ignore-pattern=**/dist/**',
              '--silent',
              `--root=${jscsDir}`,
              jscsDir,
            ]);
          }
        }),
      );
      if (sameOutput === undefined) sameOutput = sameTrees(forkliftDir, jscsDir);
      fs.rmSync(forkliftDir, { recursive: true, force: true });
      fs.rmSync(jscsDir, { recursive: true, force: true });
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const summarise = (label, timings) => ({
      label,
      seconds: median(timings.map((t) => t.seconds)),
      cpuSeconds: timings[0].cpuSeconds === undefined ? undefined : median(timings.map((t) => t.cpuSeconds)),
      runs: timings.map((t) => t.seconds),
    });
    const forklift = summarise('forklift migrate', forkliftRuns);
    const jscodeshift = summarise('jscodeshift CLI', jscodeshiftRuns);

    const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.availableParallelism ? os.availableParallelism() : os.cpus().length}, node ${process.version}`;
    const rows = [forklift, jscodeshift].map((r) => ({
      bench: 'codemod',
      tool: r.label,
      files,
      seconds: Number(r.seconds.toFixed(3)),
      filesPerSecond: Number((files / r.seconds).toFixed(1)),
      runs: r.runs.map((x) => Number(x.toFixed(3))),
      cpuSeconds: r.cpuSeconds === undefined ? undefined : Number(r.cpuSeconds.toFixed(2)),
    }));
    const ratio = Number((jscodeshift.seconds / forklift.seconds).toFixed(2));
    const cpuRatio = forklift.cpuSeconds === undefined ? undefined : Number((jscodeshift.cpuSeconds / forklift.cpuSeconds).toFixed(2));
    for (const row of rows) console.log(JSON.stringify(row));
    console.log(
      JSON.stringify({
        bench: 'codemod',
        figure: 'forklift / jscodeshift files per second',
        ratio,
        target: 2,
        met: ratio >= 2,
        cpuRatio,
        plugins,
        transforms: names,
        forkliftSummary: summary,
        sameOutput,
        machine,
      }),
    );
    console.log('');
    console.log(`codemod benchmark: ${plugins} plugins, ${files} source files, transforms ${names.join(', ')}, median of ${runs} runs`);
    for (const row of rows) {
      const cpu = row.cpuSeconds === undefined ? '' : `  (${row.cpuSeconds} s CPU)`;
      console.log(`  ${row.tool.padEnd(18)} ${String(row.seconds).padStart(8)} s  ${String(row.filesPerSecond).padStart(8)} files/s${cpu}`);
    }
    console.log(`  ratio              ${ratio}x (target 2x)${cpuRatio === undefined ? '' : `; CPU time ratio ${cpuRatio}x`}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
