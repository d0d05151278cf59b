/**
 * Runs the plugin-export and catalog-module fixtures straight through `transform.apply`, the way the runner
 * does: every file the transform matches, against the `before` tree, compared byte for byte with `after`,
 * manual steps compared with report.json, then a second run that must change nothing.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { pluginExportTransform } from '../../codemods/transforms/pluginExport';
import { catalogModuleTransform } from '../../codemods/transforms/catalogModule';
import type { ManualStep, PackageFacts, RepoFacts, Transform, TransformContext } from '../../codemods/transforms/types';
import type { ImportFamily } from '../../codemods/transforms/shared/importFamily';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** Mount paths the analysis would read from a backend in the fixture tree, for the cases that have one. */
const MOUNTED_IDS: Record<string, Record<string, string>> = {
  'mounted-plugin-id': { '@internal/plugin-todo-list-backend': 'todos' },
};

type Tree = Map<string, string>;

function readTree(dir: string, prefix = ''): Tree {
  const tree: Tree = new Map();
  if (!existsSync(dir)) return tree;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) for (const [k, v] of readTree(full, rel)) tree.set(k, v);
    else tree.set(rel, readFileSync(full, 'utf8'));
  }
  return tree;
}

function factsOf(tree: Tree, caseName: string): RepoFacts {
  const packages: PackageFacts[] = [];
  for (const [path, text] of tree) {
    if (posix.basename(path) !== 'package.json') continue;
    const manifest = JSON.parse(text);
    const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
    const role = manifest.backstage?.role ?? 'other';
    const entry = posix.join(dir, 'src/index.ts');
    packages.push({ name: manifest.name, dir, role, entry: tree.has(entry) ? entry : undefined, migrated: false });
  }
  return { packages, pluginIdsByPackage: MOUNTED_IDS[caseName] ?? {} };
}

function run(transform: Transform, tree: Tree, context: TransformContext) {
  const next: Tree = new Map(tree);
  const steps: ManualStep[] = [];
  const changed: string[] = [];
  for (const [path, source] of tree) {
    if (!/\.(ts|tsx|js)$/.test(path)) continue;
    const file = { path, source };
    if (!transform.matches(file)) continue;
    const result = transform.apply(file, context);
    steps.push(...result.manualSteps);
    for (const outcome of result.files) {
      if (outcome.status === 'ok' || outcome.status === 'created') {
        next.set(outcome.path, outcome.source);
        changed.push(outcome.path);
      } else if (outcome.status === 'deleted') {
        next.delete(outcome.path);
        changed.push(outcome.path);
      }
    }
  }
  return { tree: next, steps, changed };
}

function contextFor(tree: Tree, caseName: string, target?: ImportFamily): TransformContext {
  return { root: '/repo', facts: factsOf(tree, caseName), target, readFile: (path) => tree.get(path) };
}

function casesOf(transformName: string): string[] {
  const dir = join(FIXTURES, transformName);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

const sortSteps = (steps: ManualStep[]) => [...steps].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);

describe.each([
  ['plugin-export', pluginExportTransform],
  ['catalog-module', catalogModuleTransform],
] as const)('%s fixtures', (transformName, transform) => {
  const cases = casesOf(transformName);
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));

  if (cases.length > 0) describe.each(cases)('%s', (caseName) => {
    const caseDir = join(FIXTURES, transformName, caseName);
    const before = readTree(join(caseDir, 'before'));
    const after = readTree(join(caseDir, 'after'));
    const options = existsSync(join(caseDir, 'options.json')) ? JSON.parse(readFileSync(join(caseDir, 'options.json'), 'utf8')) : {};
    const report: ManualStep[] = existsSync(join(caseDir, 'report.json')) ? JSON.parse(readFileSync(join(caseDir, 'report.json'), 'utf8')) : [];

    it('turns before into after, byte for byte, with the expected manual steps', () => {
      const first = run(transform, before, contextFor(before, caseName, options.target));
      expect([...first.tree.keys()].sort()).toEqual([...after.keys()].sort());
      for (const [path, text] of after) expect({ path, text: first.tree.get(path) }).toEqual({ path, text });
      expect(sortSteps(first.steps)).toEqual(sortSteps(report));
    });

    it('changes nothing on a second run', () => {
      const first = run(transform, before, contextFor(before, caseName, options.target));
      const second = run(transform, first.tree, contextFor(first.tree, caseName, options.target));
      expect(second.changed).toEqual([]);
    });
  });
});
