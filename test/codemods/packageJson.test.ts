/**
 * The package-json transform in a whole run: it adds what the other transforms' output imports, in the same run
 * as that output, with the file's own line endings; a rerun changes nothing. And its text edits on the shapes
 * the fixtures do not cover (no `dependencies` yet, an empty one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { addDependency } from '../../codemods/transforms/packageJson/manifestText';
import { runCli, runMigrateJson } from './support/cli';
import { copyTree, makeTempDir } from './support/trees';

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
