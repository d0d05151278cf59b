/**
 * The package-json transform in a whole run: it adds what the other transforms' output imports, in the same run
 * as that output, with the file's own line endings; a rerun changes nothing. A whole run hands it the other
 * transforms' results (it runs none of them again), and its manifests are those of the fixtures, where it runs
 * them itself. And its text edits on the shapes the fixtures do not cover (no `dependencies` yet, an empty one).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RunOutput, Transform, TransformContext } from '../../codemods/transforms/types';
import { addDependency } from '../../codemods/transforms/packageJson/manifestText';
import { migratedCodeOf } from '../../codemods/transforms/packageJson/migratedCode';
import { runCli, runMigrateJson } from './support/cli';
import { copyTree, makeTempDir, readTree } from './support/trees';

const CASE = path.join(__dirname, '..', 'fixtures', 'package-json', 'backstage-backend-gains-defaults', 'before');
const MANIFEST = 'packages/backend/package.json';

function withTree<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = makeTempDir('package-json');
  copyTree(CASE, dir);
  return run(dir).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

test('a full run rewrites the index and declares @backstage/backend-defaults at the release line; a rerun changes nothing', () =>
  withTree(async (dir) => {
    const first = await runMigrateJson([dir]);
    expect(first.code).toBe(0);
    const byPath = Object.fromEntries(
      (first.report.files as Array<{ path: string; status: string; transform: string }>).map((f) => [f.path, f]),
    );
    expect(byPath['packages/backend/src/index.ts']).toMatchObject({ status: 'ok', transform: 'backend-index' });
    expect(byPath[MANIFEST]).toMatchObject({ status: 'ok', transform: 'package-json' });
    expect(fs.readFileSync(path.join(dir, 'packages/backend/src/index.ts'), 'utf8')).toContain("from '@backstage/backend-defaults'");
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@backstage/backend-defaults']).toBe('^0.5.1');
    expect(Object.keys(manifest.dependencies)).toEqual([...Object.keys(manifest.dependencies)].sort());

    const second = await runMigrateJson([dir, '--force']);
    expect(second.report.summary).toMatchObject({ ok: 0, created: 0, deleted: 0, errors: 0 });
  }));

test('--dry --diff shows the package.json change and writes nothing; CRLF stays', () =>
  withTree(async (dir) => {
    const file = path.join(dir, MANIFEST);
    const crlf = fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n');
    fs.writeFileSync(file, crlf);
    const dry = await runCli(['migrate', dir, '--dry', '--diff', '--only', 'package-json']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`+++ b/${MANIFEST}`);
    expect(dry.stdout).toMatch(/\+ {4}"@backstage\/backend-defaults": "\^0\.5\.1",/);
    expect(fs.readFileSync(file, 'utf8')).toBe(crlf);

    await runMigrateJson([dir, '--only', 'package-json', '--force']);
    const written = fs.readFileSync(file, 'utf8');
    expect(written).toContain('"@backstage/backend-defaults": "^0.5.1",\r\n');
    expect(written.replace(/\r\n/g, '')).not.toContain('\n');
  }));

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'package-json');
type Step = { path: string; line: number; message: string };

describe('a whole run (the source transforms results reused) writes the manifests of every package-json fixture', () => {
  const cases = fs.readdirSync(FIXTURES).sort();
  const manifestsOf = (tree: Map<string, Buffer>) =>
    Object.fromEntries([...tree].filter(([file]) => file.endsWith('package.json')).map(([file, bytes]) => [file, bytes.toString('utf8')]));
  const manifestSteps = (steps: Step[]) => steps.filter((s) => s.path.endsWith('package.json'));

  test.each(cases)('%s', async (name) => {
    const dir = makeTempDir('package-json-whole');
    try {
      copyTree(path.join(FIXTURES, name, 'before'), dir);
      const run = await runMigrateJson([dir]);
      expect(manifestsOf(readTree(dir))).toEqual(manifestsOf(readTree(path.join(FIXTURES, name, 'after'))));
      const raw = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'report.json'), 'utf8')) as Step[] | { manualSteps?: Step[] };
      const expected = Array.isArray(raw) ? raw : raw.manualSteps;
      if (expected) expect(manifestSteps(run.report.manualSteps as Step[])).toEqual(manifestSteps(expected));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migratedCodeOf: what the new code of a package imports', () => {
  const INDEX = 'packages/backend/src/index.ts';
  const files: Record<string, string> = { [INDEX]: "import { a } from 'old-pkg';\n" };
  const pkg = { name: 'backend', dir: 'packages/backend', role: 'backend' as const, entry: INDEX, migrated: false };
  let applied = 0;
  const rewrite: Transform = {
    name: 'rewrite',
    matches: () => true,
    apply: (file) => {
      applied += 1;
      return { files: [{ path: file.path, status: 'ok', source: "import { b } from 'transform-pkg';\n" }], manualSteps: [] };
    },
  };
  const contextWith = (runOutput?: RunOutput): TransformContext => ({
    root: '/repo',
    facts: { packages: [pkg], pluginIdsByPackage: {} },
    listFiles: () => Object.keys(files),
    readFile: (file) => files[file],
    runOutput,
  });
  const runMadeIndex: RunOutput['fileOf'] = (file) =>
    file === INDEX ? { text: "import { c } from 'run-pkg';\n", sideFiles: new Map() } : undefined;

  beforeEach(() => {
    applied = 0;
  });

  test('takes the run result when the run applied exactly these transforms, running none of them again', () => {
    const code = migratedCodeOf(pkg, [rewrite], contextWith({ transforms: ['rewrite'], fileOf: runMadeIndex }));
    expect(applied).toBe(0);
    expect([...code.introducedBy]).toEqual([['run-pkg', INDEX]]);
    expect([...code.importedBefore]).toEqual(['old-pkg']);
    expect([...code.importedAfter]).toEqual(['run-pkg']);
  });

  test('a file the run has no result for is unchanged', () => {
    const code = migratedCodeOf(pkg, [rewrite], contextWith({ transforms: ['rewrite'], fileOf: () => undefined }));
    expect(applied).toBe(0);
    expect([...code.introducedBy]).toEqual([]);
    expect([...code.importedAfter]).toEqual(['old-pkg']);
  });

  test('runs the transforms itself when the run applied others (--only) or gives no results', () => {
    for (const runOutput of [{ transforms: ['other'], fileOf: runMadeIndex }, undefined]) {
      applied = 0;
      const code = migratedCodeOf(pkg, [rewrite], contextWith(runOutput));
      expect(applied).toBe(1);
      expect([...code.introducedBy]).toEqual([['transform-pkg', INDEX]]);
    }
  });
});

describe('addDependency', () => {
  test('adds a dependencies object last when there is none, in the file indentation', () => {
    expect(addDependency('{\n    "name": "a",\n    "files": ["dist"]\n}\n', 'forklift', '^0.1.0')).toBe(
      '{\n    "name": "a",\n    "files": ["dist"],\n    "dependencies": {\n        "forklift": "^0.1.0"\n    }\n}\n',
    );
  });

  test('fills an empty dependencies object', () => {
    expect(addDependency('{\n\t"name": "a",\n\t"dependencies": {}\n}', 'x', '^1.0.0')).toBe(
      '{\n\t"name": "a",\n\t"dependencies": {\n\t\t"x": "^1.0.0"\n\t}\n}',
    );
  });

  test('sorted entries take the new one in order, also first', () => {
    expect(addDependency('{\n  "dependencies": {\n    "b": "1",\n    "c": "1"\n  }\n}\n', 'a', '2')).toBe(
      '{\n  "dependencies": {\n    "a": "2",\n    "b": "1",\n    "c": "1"\n  }\n}\n',
    );
  });
});
