/**
 * Compiles framework/ to CommonJS for the side-by-side benchmarks, so Forklift starts from plain JavaScript the
 * way the published Backstage packages do (no tsx transform while measuring). Types are not checked here (that
 * is `npm run typecheck`); each file is transpiled on its own with the project's TypeScript. The output goes under
 * node_modules/.cache so that express, winston and the rest resolve from the project's own node_modules.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'node_modules', '.cache', 'forklift-bench');

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Returns the directory holding the compiled `framework/index.js`. */
function buildForklift() {
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const file of walk(path.join(ROOT, 'framework'))) {
    const { outputText, diagnostics } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
    });
    if (diagnostics && diagnostics.length > 0) {
      const text = ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n');
      throw new Error(`bench: could not compile ${path.relative(ROOT, file)}: ${text}`);
    }
    const target = path.join(OUT, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
  }
  return path.join(OUT, 'framework');
}

module.exports = { buildForklift };

if (require.main === module) process.stdout.write(`${buildForklift()}\n`);
