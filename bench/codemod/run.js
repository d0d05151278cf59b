#!/usr/bin/env node
/**
 * Codemod benchmark: `npm run bench:codemod [-- --plugins N]` (default 200). Generates a legacy monorepo
 * (N plugin packages and a backend mounting all of them, about 10 files per plugin), then in the same run
 * times `forklift migrate` (the built CLI) and the jscodeshift CLI applying the same transforms (one
 * jscodeshift pass per transform, through a thin wrapper module) to identical copies. Prints one JSON line
 * per figure and a short table. Target: forklift at least 2x the jscodeshift CLI in files per second.
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
  if (!fs.existsSync(cli)) throw new Error('bench/codemod: the build produced no dist/codemods/cli.js; run `npm run build` and fix its errors');
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

function timed(label, fn) {
  const start = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, seconds };
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
  ensureBuilt();
  const { allTransforms } = require(path.join(ROOT, 'dist', 'codemods', 'transforms'));
  const names = allTransforms.map((t) => t.name);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'forklift-bench-codemod-'));
  try {
    const base = path.join(work, 'base');
    generateMonorepo(base, plugins);
    const files = listFiles(base).filter((f) => SOURCE.test(f)).length;
    const forkliftDir = path.join(work, 'forklift');
    const jscsDir = path.join(work, 'jscodeshift');
    fs.cpSync(base, forkliftDir, { recursive: true });
    fs.cpSync(base, jscsDir, { recursive: true });

    const wrappers = path.join(work, 'wrappers');
    fs.mkdirSync(wrappers);
    for (const name of names) {
      fs.writeFileSync(
        path.join(wrappers, `${name}.js`),
        `module.exports = require(${JSON.stringify(path.join(__dirname, 'jscodeshiftWrapper.js'))})(${JSON.stringify(name)});\n`,
      );
    }

    let summary;
    const forklift = timed('forklift migrate', () => {
      const result = run(process.execPath, [path.join(ROOT, 'bin', 'forklift.js'), 'migrate', forkliftDir, '--force', '--json']);
      summary = JSON.parse(result.stdout).summary;
    });

    const jscodeshiftBin = path.join(ROOT, 'node_modules', '.bin', 'jscodeshift');
    const jscodeshift = timed('jscodeshift CLI', () => {
      for (const name of names) {
        run(jscodeshiftBin, [
          '-t', path.join(wrappers, `${name}.js`),
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
    });

    const machine = `${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.availableParallelism ? os.availableParallelism() : os.cpus().length}, node ${process.version}`;
    const rows = [forklift, jscodeshift].map((r) => ({
      bench: 'codemod',
      tool: r.label,
      files,
      seconds: Number(r.seconds.toFixed(3)),
      filesPerSecond: Number((files / r.seconds).toFixed(1)),
    }));
    const ratio = Number((jscodeshift.seconds / forklift.seconds).toFixed(2));
    for (const row of rows) console.log(JSON.stringify(row));
    console.log(
      JSON.stringify({
        bench: 'codemod',
        figure: 'forklift / jscodeshift files per second',
        ratio,
        target: 2,
        met: ratio >= 2,
        plugins,
        transforms: names,
        forkliftSummary: summary,
        sameOutput: sameTrees(forkliftDir, jscsDir),
        machine,
      }),
    );
    console.log('');
    console.log(`codemod benchmark: ${plugins} plugins, ${files} source files, transforms ${names.join(', ')}`);
    for (const row of rows) console.log(`  ${row.tool.padEnd(18)} ${String(row.seconds).padStart(8)} s  ${String(row.filesPerSecond).padStart(8)} files/s`);
    console.log(`  ratio              ${ratio}x (target 2x)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
