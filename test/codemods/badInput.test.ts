/**
 * Bad input never breaks a file and never escapes the target directory: files that do not parse,
 * binary and non-UTF-8 files, symbolic links to outside, CRLF + BOM files, read-only files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runMigrateJson } from './support/cli';
import { TEST_TRANSFORMS, writeFiles } from './support/repos';
import { makeTempDir, readTree, treeDifferences } from './support/trees';

const overrides = { transformsModule: TEST_TRANSFORMS, workers: 0 };
let base: string;
let repo: string;
let outside: string;

beforeEach(() => {
  base = makeTempDir('bad-input');
  repo = path.join(base, 'repo');
  outside = path.join(base, 'outside');
  writeFiles(outside, {
    'outside.ts': 'export const o = legacyCall(1);\n',
    'inner/deep.ts': 'export const d = legacyCall(2);\n',
    'split.ts': 'export const notYours = 1;\n',
  });
  writeFiles(repo, {
    'package.json': '{ "name": "bad-input" }\n',
    'src/broken.ts': 'export const x = legacyCall(;\n',
    'src/blob.ts': Buffer.concat([Buffer.from('legacyCall'), Buffer.from([0, 1, 2, 0, 255, 254]), Buffer.from('legacyCall')]),
    'src/latin1.js': Buffer.from([...Buffer.from('// caf'), 0xe9, ...Buffer.from('\nlegacyCall();\n')]),
    'src/windows.ts': '\uFEFFexport const w = legacyCall(1);\r\nexport const x = 2;\r\n',
    'src/locked.ts': 'export const l = legacyCall(1);\n',
    'src/tool.js': 'legacyCall();\n',
    'src/fine.ts': 'export const f = legacyCall(1);\n',
    // A real U+FFFD character in valid UTF-8 is text, not binary.
    'src/replacement.ts': 'export const r = "\uFFFD" + legacyCall(1);\n',
    'src/splitter/index.ts': 'export function splitMe() {\n  return 1;\n}\n',
  });
  fs.symlinkSync(path.join(outside, 'outside.ts'), path.join(repo, 'src/linked.ts'));
  fs.symlinkSync(path.join(outside, 'inner'), path.join(repo, 'src/linkdir'));
  // The file split-out would create is a link to a file outside: it must not be written through.
  fs.symlinkSync(path.join(outside, 'split.ts'), path.join(repo, 'src/splitter/split.ts'));
  fs.chmodSync(path.join(repo, 'src/locked.ts'), 0o444);
  fs.chmodSync(path.join(repo, 'src/tool.js'), 0o755);
});

afterEach(() => {
  fs.chmodSync(path.join(repo, 'src/locked.ts'), 0o644);
  fs.rmSync(base, { recursive: true, force: true });
});

test('every kind of bad input is reported, kept intact, and nothing outside the directory is touched', async () => {
  const outsideBefore = readTree(outside);
  const outsideStats = fs.statSync(path.join(outside, 'outside.ts'));
  const repoBefore = readTree(repo);

  const { code, report } = await runMigrateJson([repo, '--force'], overrides);
  const byPath: Record<string, { status: string; message?: string; transform: string }> = Object.fromEntries(
    report.files.map((f: { path: string }) => [f.path, f]),
  );

  expect(code).toBe(1);
  // Does not parse: an error naming the line, the file untouched.
  expect(byPath['src/broken.ts']).toMatchObject({ status: 'error', transform: 'rename-call' });
  expect(byPath['src/broken.ts'].message).toMatch(/^line 1, column \d+: /);
  // Binary and non-UTF-8 text: skipped, untouched.
  expect(byPath['src/blob.ts']).toMatchObject({ status: 'skipped' });
  expect(byPath['src/latin1.js']).toMatchObject({ status: 'skipped' });
  // Links: listed as skipped, never followed into (linkdir's files are not reported at all).
  expect(byPath['src/linked.ts']).toMatchObject({ status: 'skipped', message: 'symbolic link: never followed' });
  expect(Object.keys(byPath).filter((p) => p.startsWith('src/linkdir'))).toEqual([]);
  // Creating a file where a link to outside sits is refused, and the whole change of that file with it.
  expect(byPath['src/splitter/index.ts']).toMatchObject({ status: 'error', transform: 'split-out' });
  expect(byPath['src/splitter/index.ts'].message).toContain('symbolic link');
  // Read-only: reported with the fix, never replaced.
  expect(byPath['src/locked.ts']).toMatchObject({ status: 'error' });
  expect(byPath['src/locked.ts'].message).toContain('read-only');
  // Good files next to the bad ones are migrated.
  expect(byPath['src/fine.ts']).toMatchObject({ status: 'ok' });
  expect(byPath['src/replacement.ts']).toMatchObject({ status: 'ok' });
  expect(byPath['src/windows.ts']).toMatchObject({ status: 'ok' });
  expect(byPath['src/tool.js']).toMatchObject({ status: 'ok' });
  expect(report.summary.errors).toBe(3);

  const after = readTree(repo);
  for (const untouched of ['src/broken.ts', 'src/blob.ts', 'src/latin1.js', 'src/locked.ts', 'src/splitter/index.ts']) {
    expect(after.get(untouched)).toEqual(repoBefore.get(untouched));
  }
  // CRLF and BOM kept exactly.
  expect(after.get('src/windows.ts')!.toString('utf8')).toBe('\uFEFFexport const w = modernCall(1);\r\nexport const x = 2;\r\n');
  // Modes kept: the executable stays executable, the read-only file stays read-only.
  expect(fs.statSync(path.join(repo, 'src/tool.js')).mode & 0o777).toBe(0o755);
  expect(fs.statSync(path.join(repo, 'src/locked.ts')).mode & 0o777).toBe(0o444);
  // Links are still links, to the same places.
  expect(fs.readlinkSync(path.join(repo, 'src/linked.ts'))).toBe(path.join(outside, 'outside.ts'));
  expect(fs.readlinkSync(path.join(repo, 'src/splitter/split.ts'))).toBe(path.join(outside, 'split.ts'));
  // Nothing outside changed, and no temp files were left anywhere.
  expect(treeDifferences(readTree(outside), outsideBefore)).toEqual([]);
  expect(fs.statSync(path.join(outside, 'outside.ts')).mtimeMs).toBe(outsideStats.mtimeMs);
  expect(fs.readdirSync(base).sort()).toEqual(['outside', 'repo']);
  expect([...after.keys()].filter((p) => p.includes('.forklift-'))).toEqual([]);
});

test.each([
  ['a folder that links outside', 'src/escape/new.ts'],
  ['a path above the root', '../escaped.ts'],
])('a created file is never written into %s', async (_what, target) => {
  fs.symlinkSync(path.join(outside, 'inner'), path.join(repo, 'src/escape'));
  writeFiles(repo, { 'src/escape-entry.ts': `createAt('${target}');\n` });
  const outsideBefore = readTree(outside);
  const { report } = await runMigrateJson([repo, '--force'], overrides);
  const entry = report.files.find((f: { path: string }) => f.path === 'src/escape-entry.ts');
  expect(entry).toMatchObject({ status: 'error', transform: 'create-at' });
  expect(entry.message).toMatch(/outside the target directory|links outside/);
  expect(treeDifferences(readTree(outside), outsideBefore)).toEqual([]);
  expect(fs.readdirSync(base).sort()).toEqual(['outside', 'repo']);
});
