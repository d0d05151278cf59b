/**
 * An interrupted `forklift migrate`, run again, ends where an uninterrupted run ends, byte for byte.
 *
 * The repository is the benchmark's legacy monorepo at three plugins, one of which (svc2) an earlier,
 * finished run already gave its new-system plugin: so the uninterrupted run bridges svc0 and svc1 with
 * `legacyPlugin`, adds svc2's own plugin, deletes svc2's local plugin file, and creates two plugin files.
 * A run is interrupted at every one of its changes on disk (the write hook fails the k-th change, either
 * for good, as a crash leaves the disk, or that one change alone, as a full disk would), and at a few
 * points by a real SIGKILL of a CLI process on a worker pool. At each point: no file is partial (every
 * file is exactly its starting or its finished form), and a rerun makes the tree of the uninterrupted run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FORKLIFT_TEMP_PATTERN } from '../../codemods/analysis';
import { migrate, WriteFailure, type MigrationReport } from '../../codemods/runner';
import type { WriteStep } from '../../codemods/runner';
import { generateMonorepo } from './support/benchMonorepo';
import { commitAll, git, writeFiles } from './support/repos';
import { copyTree, makeTempDir, readTree, treeDifferences } from './support/trees';

const ROOT = path.join(__dirname, '..', '..');
const KILL_CHILD = path.join(__dirname, 'support', 'killAtWriteChild.ts');

jest.setTimeout(120_000);

let base: string;
let pristine: string;
let startTree: Map<string, Buffer>;
let finishedTree: Map<string, Buffer>;
let referenceReport: MigrationReport;
/** Every change on disk of the uninterrupted run, in order. */
let steps: WriteStep[];
/** The 1-based number of the change that puts the journal in place: from it on, the run is finished by the next. */
let journalStep: number;

const isLeftover = (file: string) => FORKLIFT_TEMP_PATTERN.test(file);

function withoutLeftovers(tree: Map<string, Buffer>): Map<string, Buffer> {
  return new Map([...tree].filter(([file]) => !isLeftover(file)));
}

/** Every file is exactly its starting or its finished bytes; the names of the problems otherwise. */
function partialFiles(tree: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  for (const [file, bytes] of withoutLeftovers(tree)) {
    const before = startTree.get(file);
    const after = finishedTree.get(file);
    if (!(before && bytes.equals(before)) && !(after && bytes.equals(after))) problems.push(`partial or foreign: ${file}`);
  }
  // A file is missing only when the finished run deletes it.
  for (const file of startTree.keys()) if (!tree.has(file) && finishedTree.has(file)) problems.push(`lost: ${file}`);
  return problems;
}

function freshCopy(name: string): string {
  const dir = path.join(base, name);
  copyTree(pristine, dir);
  return dir;
}

const run = (dir: string, extra: Partial<Parameters<typeof migrate>[0]> = {}) => migrate({ dir, force: true, workers: 0, ...extra });

beforeAll(async () => {
  base = makeTempDir('interrupted');
  pristine = path.join(base, 'pristine');
  generateMonorepo(pristine, 3);
  // svc2 was migrated by an earlier, finished run: its package already exports a createBackendPlugin default.
  const earlier = path.join(base, 'earlier');
  copyTree(pristine, earlier);
  await run(earlier, { only: ['plugin-export'] });
  for (const file of ['src/index.ts', 'src/plugin.ts', 'src/service/router.ts']) {
    writeFiles(pristine, { [`plugins/svc2-backend/${file}`]: fs.readFileSync(path.join(earlier, 'plugins/svc2-backend', file)) });
  }
  startTree = readTree(pristine);

  const reference = freshCopy('reference');
  steps = [];
  referenceReport = await run(reference, { beforeWrite: (step) => void steps.push(step) });
  finishedTree = readTree(reference);
  journalStep = steps.findIndex((s) => s.action === 'rename' && s.path.endsWith('.journal')) + 1;
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

test('the uninterrupted run: svc0 and svc1 bridged, svc2 native, and a rerun changes nothing', async () => {
  const index = finishedTree.get('packages/backend/src/index.ts')!.toString('utf8');
  expect(index).toContain("backend.add(legacyPlugin('svc0', import('./plugins/svc0')));");
  expect(index).toContain("backend.add(legacyPlugin('svc1', import('./plugins/svc1')));");
  expect(index).toContain("backend.add(import('@bench/plugin-svc2-backend'));");
  expect(finishedTree.has('packages/backend/src/plugins/svc2.ts')).toBe(false);
  expect(finishedTree.has('plugins/svc0-backend/src/plugin.ts')).toBe(true);
  expect(referenceReport.summary).toMatchObject({ errors: 0, created: 2, deleted: 1 });
  expect([...finishedTree.keys()].filter(isLeftover)).toEqual([]);
  // Staging, then the journal, then every change put in place, then the journal removed.
  expect(journalStep).toBeGreaterThan(5);
  expect(steps.length).toBeGreaterThan(journalStep + 5);
  expect(steps[steps.length - 1]).toEqual({ action: 'delete', path: steps[journalStep - 1].path });

  const again = path.join(base, 'again');
  copyTree(path.join(base, 'reference'), again);
  const rerun = await run(again);
  expect(rerun.summary).toMatchObject({ ok: 0, created: 0, deleted: 0, errors: 0 });
  expect(treeDifferences(readTree(again), finishedTree)).toEqual([]);
});

/** Fails the k-th change on disk: `forGood` fails every later one too (the disk as a crash leaves it). */
function failingAt(k: number, forGood: boolean) {
  let count = 0;
  return () => {
    count += 1;
    if (count === k || (forGood && count > k)) throw new Error(`simulated failure of change ${count}`);
  };
}

describe.each([
  ['a crash (every change from the k-th on fails)', true],
  ['one failed write (only the k-th change fails)', false],
])('interrupted by %s', (_name, forGood) => {
  test('at every k: no partial file, and the rerun ends exactly where the uninterrupted run ends', async () => {
    expect(steps.length).toBeGreaterThan(10);
    for (let k = 1; k <= steps.length; k += 1) {
      const dir = freshCopy(`${forGood ? 'crash' : 'fail'}-${k}`);
      const stopped = await run(dir, { beforeWrite: failingAt(k, forGood) }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect({ k, failure: stopped instanceof WriteFailure }).toEqual({ k, failure: true });

      const interrupted = readTree(dir);
      expect({ k, problems: partialFiles(interrupted) }).toEqual({ k, problems: [] });
      if (k < journalStep) {
        // Before the journal exists nothing visible has changed, and the run says so.
        expect({ k, untouched: treeDifferences(withoutLeftovers(interrupted), startTree) }).toEqual({ k, untouched: [] });
        expect((stopped as Error).message).toContain('Nothing was changed');
        // Only a crash leaves temp files behind; a run that could still clean up did.
        if (!forGood) expect([...interrupted.keys()].filter(isLeftover)).toEqual([]);
      } else {
        expect((stopped as Error).message).toMatch(/run forklift migrate again|delete it/);
      }

      const rerun = await run(dir);
      expect({ k, errors: rerun.summary.errors }).toEqual({ k, errors: 0 });
      expect({ k, differences: treeDifferences(readTree(dir), finishedTree) }).toEqual({ k, differences: [] });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('in a git repository', () => {
  test("a rerun needs no --force for what the interrupted run left (temp files, its journal's changes)", async () => {
    for (const k of [2, journalStep + 3]) {
      const dir = freshCopy(`git-${k}`);
      commitAll(dir);
      await expect(migrate({ dir, workers: 0, beforeWrite: failingAt(k, true) })).rejects.toBeInstanceOf(WriteFailure);
      expect(git(dir, 'status', '--porcelain')).not.toBe('');
      await migrate({ dir, workers: 0 });
      const finished = new Map([...readTree(dir)].filter(([file]) => !file.startsWith('.git/')));
      expect({ k, differences: treeDifferences(finished, finishedTree) }).toEqual({ k, differences: [] });
    }
  });

  test('changes that are not the interrupted run’s own still need --force', async () => {
    const dir = freshCopy('git-dirty');
    commitAll(dir);
    await expect(migrate({ dir, workers: 0, beforeWrite: failingAt(journalStep + 3, true) })).rejects.toBeInstanceOf(WriteFailure);
    fs.appendFileSync(path.join(dir, 'plugins/svc0-backend/src/service/store.ts'), '// edited by hand\n');
    await expect(migrate({ dir, workers: 0 })).rejects.toThrow(
      /uncommitted changes in git \(1: plugins\/svc0-backend\/src\/service\/store\.ts\)/,
    );
  });
});

/** Runs the CLI in a child process on a worker pool that SIGKILLs itself right before its k-th change on disk. */
function killedAt(dir: string, k: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', KILL_CHILD, dir, String(k)], { cwd: ROOT, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve(signal));
  });
}

test('real SIGKILLs while staging, right after the journal, and while putting files in place', async () => {
  const points = [1, Math.floor(journalStep / 2), journalStep + 1, journalStep + 4, steps.length];
  for (const k of points) {
    const dir = freshCopy(`killed-${k}`);
    expect({ k, signal: await killedAt(dir, k) }).toEqual({ k, signal: 'SIGKILL' });
    expect({ k, problems: partialFiles(readTree(dir)) }).toEqual({ k, problems: [] });
    await run(dir);
    expect({ k, differences: treeDifferences(readTree(dir), finishedTree) }).toEqual({ k, differences: [] });
  }
});
