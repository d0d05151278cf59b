/**
 * The run's transaction on its own: staging changes nothing visible, commit puts everything in place
 * (modes kept, deletions done, no leftovers), abandon leaves the tree as it was, and a journal left by a
 * killed commit is finished by the next run, even after the repository has moved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FORKLIFT_TEMP_PATTERN } from '../../codemods/analysis';
import { migrate, recoverInterruptedRun, RunTransaction, WriteFailure } from '../../codemods/runner';
import { Disk } from '../../codemods/runner/disk';
import { pathsOfPendingJournals } from '../../codemods/runner/transaction';
import { runCli } from './support/cli';
import { writeFiles } from './support/repos';
import { makeTempDir, readTree } from './support/trees';

let root: string;
beforeEach(() => {
  root = makeTempDir('transaction');
  writeFiles(root, { 'src/a.ts': 'a1\n', 'src/b.ts': 'b1\n', 'bin/run.ts': 'run1\n', 'package.json': '{ "name": "t" }\n' });
  fs.chmodSync(path.join(root, 'bin/run.ts'), 0o755);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const at = (rel: string) => path.join(root, rel);
const text = (tree: Map<string, Buffer>) => Object.fromEntries([...tree].map(([file, bytes]) => [file, bytes.toString('utf8')]));
const leftovers = (dir: string) => [...readTree(dir).keys()].filter((file) => FORKLIFT_TEMP_PATTERN.test(file));

function stageExample(transaction: RunTransaction): void {
  transaction.stage([
    { kind: 'write', path: at('src/a.ts'), content: 'a2\n' },
    { kind: 'write', path: at('src/new/c.ts'), content: 'c\n' },
  ]);
  transaction.stage([
    { kind: 'write', path: at('bin/run.ts'), content: 'run2\n', mode: 0o755 },
    { kind: 'delete', path: at('src/b.ts') },
  ]);
}

test('staged changes stay invisible until commit, which puts all of them in place and leaves nothing behind', () => {
  const before = text(readTree(root));
  const transaction = new RunTransaction(root);
  stageExample(transaction);
  expect(transaction.size).toBe(4);
  const staged = text(readTree(root));
  for (const [file, content] of Object.entries(before)) expect(staged[file]).toBe(content);
  expect(leftovers(root)).toHaveLength(3);

  transaction.commit();
  expect(text(readTree(root))).toEqual({
    'src/a.ts': 'a2\n',
    'src/new/c.ts': 'c\n',
    'bin/run.ts': 'run2\n',
    'package.json': '{ "name": "t" }\n',
  });
  expect(fs.statSync(at('bin/run.ts')).mode & 0o777).toBe(0o755);
  expect(leftovers(root)).toEqual([]);
});

test('abandon removes every staged temp file: the tree is exactly as before', () => {
  const before = text(readTree(root));
  const transaction = new RunTransaction(root);
  stageExample(transaction);
  transaction.abandon();
  expect(text(readTree(root))).toEqual(before);
  // The folder made for the created file goes too.
  expect(fs.existsSync(at('src/new'))).toBe(false);
  expect(() => transaction.stage([])).toThrow(/abandoned/);
});

test('a failed write names the file, and once abandoned the tree is exactly as before', () => {
  const before = text(readTree(root));
  const transaction = new RunTransaction(
    root,
    new Disk((step) => {
      if (step.path.startsWith(at('bin/run.ts'))) throw new Error('ENOSPC: no space left on device');
    }),
  );
  let failure: unknown;
  try {
    stageExample(transaction);
  } catch (error) {
    failure = error;
  }
  expect(failure).toBeInstanceOf(WriteFailure);
  expect((failure as Error).message).toBe(
    'bin/run.ts could not be written (ENOSPC: no space left on device). Nothing was changed: a run puts all of its files ' +
      'in place or none. Fix the cause and run forklift migrate again.',
  );
  transaction.abandon();
  expect(text(readTree(root))).toEqual(before);
});

test('a commit killed after its journal is finished by the next run, even when the repository moved meanwhile', () => {
  let renames = 0;
  const transaction = new RunTransaction(
    root,
    new Disk((step) => {
      // The journal's own rename is the first; die on the second (one file in place, the rest not).
      if (step.action === 'rename' && ++renames === 3) throw new Error('killed');
    }),
  );
  stageExample(transaction);
  expect(() => transaction.commit()).toThrow(/stopped while putting its files in place .*run forklift migrate again/i);
  expect(fs.readFileSync(at('src/a.ts'), 'utf8')).toBe('a2\n');
  expect(fs.existsSync(at('src/new/c.ts'))).toBe(false);
  expect(pathsOfPendingJournals(root).sort()).toEqual([at('bin/run.ts'), at('src/a.ts'), at('src/b.ts'), at('src/new/c.ts')]);

  const moved = `${root}-moved`;
  fs.renameSync(root, moved);
  try {
    expect(recoverInterruptedRun(moved)).toBe(1);
    expect(text(readTree(moved))).toEqual({
      'src/a.ts': 'a2\n',
      'src/new/c.ts': 'c\n',
      'bin/run.ts': 'run2\n',
      'package.json': '{ "name": "t" }\n',
    });
    expect(leftovers(moved)).toEqual([]);
  } finally {
    fs.renameSync(moved, root);
  }
});

test('a journal that names a path outside the root is not trusted: removed, nothing replayed', () => {
  const outside = `${root}-outside.ts`;
  fs.writeFileSync(
    at('.forklift-1-abc.journal'),
    JSON.stringify([
      { path: '../outside.ts', delete: true },
      { path: outside, delete: true },
    ]),
  );
  fs.writeFileSync(outside, 'keep\n');
  try {
    recoverInterruptedRun(root);
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep\n');
    expect(leftovers(root)).toEqual([]);
  } finally {
    fs.rmSync(outside, { force: true });
  }
});

test('dry runs and plan refuse while a journal is pending; the CLI reports a failed write with exit 1', async () => {
  fs.writeFileSync(at('.forklift-1-abc.journal'), JSON.stringify([]));
  await expect(migrate({ dir: root, dry: true, workers: 0 })).rejects.toThrow(
    /stopped while putting its files in place; run forklift migrate \(without --dry\)/,
  );
  const plan = await runCli(['plan', root]);
  expect(plan.code).toBe(2);
  fs.rmSync(at('.forklift-1-abc.journal'));

  writeFiles(root, { 'src/index.ts': "export const x = legacyCall(1, 'x');\n" });
  const failed = await runCli(['migrate', root, '--force'], {
    transformsModule: path.join(__dirname, 'support', 'testTransforms.ts'),
    workers: 0,
    beforeWrite: () => {
      throw new Error('EACCES: permission denied');
    },
  });
  expect(failed.stderr).toMatch(/^forklift: .* could not be written \(EACCES: permission denied\)\. Nothing was changed/);
  expect(failed.code).toBe(1);
});

test('a read-only folder is known before writing: that file is an error, and the rest of the run is put in place', async () => {
  writeFiles(root, { 'frozen/a.ts': "export const a = legacyCall(1, 'x');\n", 'src/c.ts': "export const c = legacyCall(2, 'x');\n" });
  fs.chmodSync(at('frozen'), 0o555);
  try {
    const report = await migrate({
      dir: root,
      force: true,
      workers: 0,
      transformsModule: path.join(__dirname, 'support', 'testTransforms.ts'),
    });
    const byPath = Object.fromEntries(report.files.map((f) => [f.path, f]));
    expect(byPath['frozen/a.ts']).toMatchObject({ status: 'error', message: expect.stringContaining('the folder frozen is read-only') });
    expect(byPath['src/c.ts'].status).toBe('ok');
    expect(fs.readFileSync(at('src/c.ts'), 'utf8')).toContain('modernCall(2');
    expect(fs.readFileSync(at('frozen/a.ts'), 'utf8')).toContain('legacyCall(1');
  } finally {
    fs.chmodSync(at('frozen'), 0o755);
  }
});

test('a staged temp file that vanished (another run cleaned it up) stops the commit before anything changes', () => {
  const before = text(readTree(root));
  const transaction = new RunTransaction(root);
  stageExample(transaction);
  recoverInterruptedRun(root); // what a second run in the same folder does first
  expect(() => transaction.commit()).toThrow(/disappeared before the run could put it in place .*Nothing was changed/);
  expect(text(readTree(root))).toEqual(before);
  expect(fs.existsSync(at('src/new'))).toBe(false);
});
