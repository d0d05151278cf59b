/**
 * The named steps of `migrate`, one at a time: triage (which files become tasks), the write plan of one
 * task (or why none of it may be written), and the ledger that turns accepted results into the report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSourceReader, listRepositoryFiles } from '../../codemods/analysis';
import { RunLedger } from '../../codemods/runner/runLedger';
import { triageFiles } from '../../codemods/runner/triage';
import type { FileReport, FileTask } from '../../codemods/runner/types';
import { planWrites } from '../../codemods/runner/writePlan';
import type { Transform } from '../../codemods/transforms/types';
import { writeFiles } from './support/repos';
import { makeTempDir } from './support/trees';

let root: string;
beforeEach(() => {
  root = makeTempDir('steps');
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const touchesRouter: Transform = {
  name: 'touch-router',
  matches: (file) => file.source.includes('createRouter'),
  apply: (file) => ({ files: [{ path: file.path, status: 'ok', source: `${file.source}// touched\n` }], manualSteps: [] }),
};

describe('triageFiles', () => {
  test('tasks are the files a text check matches; the rest are reported at once with the reason', () => {
    writeFiles(root, {
      'src/router.ts': 'export function createRouter() {}\n',
      'src/other.ts': 'export const x = 1;\n',
      'src/page.ts.hbs': 'createRouter {{name}}\n',
      'src/blob.ts': Buffer.from([0x63, 0x00, 0xff, 0xfe]),
    });
    fs.symlinkSync('router.ts', path.join(root, 'src/link.ts'));
    const files = listRepositoryFiles(root);
    const reader = createSourceReader(
      root,
      files.filter((f) => f.kind !== 'symlink').map((f) => f.path),
    );

    const { immediate, tasks, startTexts } = triageFiles(root, files, reader, [touchesRouter]);

    expect(tasks).toEqual([{ path: 'src/router.ts', source: 'export function createRouter() {}\n' }]);
    const byPath = Object.fromEntries(immediate.map((r) => [r.path, r]));
    expect(byPath['src/other.ts']).toEqual({ path: 'src/other.ts', status: 'unmodified', transform: '' });
    expect(byPath['src/page.ts.hbs'].status).toBe('skipped');
    expect(byPath['src/page.ts.hbs'].message).toContain('template');
    expect(byPath['src/link.ts'].message).toContain('symbolic link');
    expect(byPath['src/blob.ts'].message).toContain('binary');
    // Manual steps are read from these texts later: every readable text file, tasks or not, binaries never.
    expect([...startTexts.keys()].sort()).toEqual(['src/other.ts', 'src/router.ts']);
  });
});

describe('planWrites', () => {
  const noOwner = () => undefined;

  test('writes keep the mode of the file they replace; deletions and creations are planned in order', () => {
    writeFiles(root, { 'bin/run.ts': 'old\n', 'src/gone.ts': 'x\n' });
    fs.chmodSync(path.join(root, 'bin/run.ts'), 0o755);
    const plan = planWrites(
      root,
      'bin/run.ts',
      [
        { path: 'bin/run.ts', status: 'ok', transform: 't', source: 'new\n' },
        { path: 'src/unchanged.ts', status: 'unmodified', transform: 't' },
        { path: 'src/gone.ts', status: 'deleted', transform: 't' },
        { path: 'src/made.ts', status: 'created', transform: 't', source: 'made\n' },
      ],
      noOwner,
    );
    expect(plan.refusal).toBeUndefined();
    expect(plan.operations).toEqual([
      { kind: 'write', path: path.join(root, 'bin/run.ts'), content: 'new\n', mode: 0o755 },
      { kind: 'delete', path: path.join(root, 'src/gone.ts') },
      { kind: 'write', path: path.join(root, 'src/made.ts'), content: 'made\n', mode: undefined },
    ]);
  });

  test('a file another task changed earlier in the run refuses the whole task, naming both', () => {
    const plan = planWrites(
      root,
      'src/b.ts',
      [
        { path: 'src/b.ts', status: 'ok', transform: 't2', source: 'b\n' },
        { path: 'src/shared.ts', status: 'ok', transform: 't2', source: 'shared\n' },
      ],
      (relPath) => (relPath === 'src/shared.ts' ? { task: 'src/a.ts', transform: 't1' } : undefined),
    );
    expect(plan.operations).toBeUndefined();
    expect(plan.refusal).toContain('src/shared.ts was already changed in this run by t1 (working on src/a.ts)');
    expect(plan.refusal).toContain('run forklift again');
  });

  test('the same task may touch a path it changed itself; read-only files and paths outside are refused', () => {
    writeFiles(root, { 'locked.ts': 'x\n' });
    fs.chmodSync(path.join(root, 'locked.ts'), 0o444);
    const own = planWrites(root, 'src/a.ts', [{ path: 'src/a.ts', status: 'ok', transform: 't', source: 'a\n' }], () => ({
      task: 'src/a.ts',
      transform: 't',
    }));
    expect(own.refusal).toBeUndefined();
    const locked = planWrites(root, 'locked.ts', [{ path: 'locked.ts', status: 'ok', transform: 't', source: 'y\n' }], noOwner);
    expect(locked.refusal).toBe('locked.ts is read-only: make it writable (chmod u+w) and run forklift again');
    fs.mkdirSync(path.join(root, 'frozen'));
    writeFiles(root, { 'frozen/old.ts': 'x\n' });
    fs.chmodSync(path.join(root, 'frozen'), 0o555);
    try {
      const frozen = planWrites(root, 'frozen/old.ts', [{ path: 'frozen/old.ts', status: 'deleted', transform: 't' }], noOwner);
      expect(frozen.refusal).toBe(
        'the folder frozen is read-only, so frozen/old.ts cannot be deleted: make it writable (chmod u+w) and run forklift again',
      );
      const below = planWrites(root, 'x.ts', [{ path: 'frozen/new/made.ts', status: 'created', transform: 't', source: 'y\n' }], noOwner);
      expect(below.refusal).toContain('the folder frozen is read-only, so frozen/new/made.ts cannot be written');
    } finally {
      fs.chmodSync(path.join(root, 'frozen'), 0o755);
    }
    const outside = planWrites(root, 'a.ts', [{ path: '../escape.ts', status: 'created', transform: 't', source: 'y\n' }], noOwner);
    expect(outside.refusal).toContain('outside the target directory');
  });
});

describe('RunLedger', () => {
  const task: FileTask = { path: 'src/index.ts', source: 'old index\n' };

  function ledgerWith(startTexts: Record<string, string>, options: { diff?: boolean } = {}) {
    const seen: Array<[string, number, number]> = [];
    const ledger = new RunLedger({
      root,
      total: 4,
      startTexts: new Map(Object.entries(startTexts)),
      diff: options.diff,
      onFile: (file: FileReport, done: number, total: number) => seen.push([file.path, done, total]),
    });
    return { ledger, seen };
  }

  test('accepted outcomes become reports (with diffs), claim their paths, and progress counts every report', () => {
    const { ledger, seen } = ledgerWith({ 'src/index.ts': 'old index\n', 'src/plugin.ts': 'old plugin\n' }, { diff: true });
    ledger.record({ path: 'README.ts', status: 'unmodified', transform: '' });
    const outcomes = [
      { path: 'src/index.ts', status: 'ok' as const, transform: 'x', source: 'new index\n' },
      { path: 'src/plugin.ts', status: 'deleted' as const, transform: 'x' },
      { path: 'src/made.ts', status: 'created' as const, transform: 'x', source: 'made\n' },
    ];
    ledger.accept(task, outcomes, []);

    expect(seen).toEqual([
      ['README.ts', 1, 4],
      ['src/index.ts', 2, 4],
      ['src/plugin.ts', 3, 4],
      ['src/made.ts', 4, 4],
    ]);
    expect(ledger.changeOwner('src/plugin.ts')).toEqual({ task: 'src/index.ts', transform: 'x' });
    expect(ledger.changeOwner('README.ts')).toBeUndefined();
    const report = ledger.report();
    expect(report.files.map((f) => `${f.status} ${f.path}`)).toEqual([
      'unmodified README.ts',
      'ok src/index.ts',
      'created src/made.ts',
      'deleted src/plugin.ts',
    ]);
    expect(report.summary).toMatchObject({ ok: 1, created: 1, deleted: 1, unmodified: 1, errors: 0 });
    const diffOf = (p: string) => report.files.find((f) => f.path === p)!.diff!;
    expect(diffOf('src/index.ts')).toContain('-old index\n+new index');
    expect(diffOf('src/plugin.ts')).toContain('+++ /dev/null');
    expect(diffOf('src/made.ts')).toContain('--- /dev/null');
  });

  test('once a file is deleted, a later task on that very file has nothing left to apply', () => {
    const { ledger } = ledgerWith({});
    ledger.accept(task, [{ path: 'src/plugins/a.ts', status: 'deleted', transform: 'x' }], []);
    const late: FileTask = { path: 'src/plugins/a.ts', source: 'a\n' };
    const result = {
      outcomes: [
        { path: 'src/plugins/a.ts', status: 'ok' as const, transform: 'y', source: 'b\n' },
        { path: 'src/other.ts', status: 'created' as const, transform: 'y', source: 'c\n' },
      ],
      manualSteps: [],
    };
    expect(ledger.outcomesToApply(late, result).map((o) => o.path)).toEqual(['src/other.ts']);
    expect(ledger.outcomesToApply(task, result)).toHaveLength(2);
  });

  test('a refusal is one error for the task; manual steps come from final texts, plus reported ones about kept files', () => {
    const { ledger } = ledgerWith({ 'src/a.ts': '// TODO(forklift): still open\n', 'src/index.ts': 'old index\n' });
    ledger.refuse(task, [{ path: 'src/index.ts', status: 'ok', transform: 'x', source: 'never\n' }], 'src/index.ts is read-only');
    ledger.accept(
      { path: 'src/b.ts', source: '' },
      [{ path: 'src/b.ts', status: 'ok', transform: 'y', source: 'b\n' }],
      [
        { path: 'src/b.ts', line: 1, message: 'check the new plugin' },
        { path: 'src/gone.ts', line: 3, message: 'about a deleted file' },
      ],
    );
    ledger.accept({ path: 'src/c.ts', source: '' }, [{ path: 'src/gone.ts', status: 'deleted', transform: 'z' }], []);

    const report = ledger.report();
    expect(report.files.find((f) => f.path === 'src/index.ts')).toEqual({
      path: 'src/index.ts',
      status: 'error',
      transform: 'x',
      message: 'src/index.ts is read-only',
    });
    expect(report.manualSteps).toEqual([
      { path: 'src/a.ts', line: 1, message: 'still open' },
      { path: 'src/b.ts', line: 1, message: 'check the new plugin' },
    ]);
  });
});
