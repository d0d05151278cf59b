/**
 * SIGKILL in the middle of a run: afterwards every file is exactly its original or exactly its migrated
 * form (never partial or empty), and a rerun completes the migration. The child runs the real CLI code
 * with the worker pool over a generated repository of a few hundred files.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateRepo } from './support/generateRepo';
import { runMigrateJson } from './support/cli';
import { TEST_TRANSFORMS } from './support/repos';
import { copyTree, makeTempDir, readTree } from './support/trees';

const ROOT = path.join(__dirname, '..', '..');
const CHILD = path.join(__dirname, 'support', 'migrateChild.ts');
const FILES = 200;

// Each case starts a process through tsx and a worker pool; on a loaded machine that takes a while.
jest.setTimeout(90_000);

/** Starts the child and SIGKILLs it once it has reported `afterLines` finished files. */
function runAndKill(dir: string, afterLines: number): Promise<{ killed: boolean; lines: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      lines += chunk.toString('utf8').split('\n').length - 1;
      if (!killed && lines >= afterLines) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ killed, lines }));
  });
}

let base: string;
let original: Map<string, Buffer>;
let migrated: Map<string, Buffer>;

beforeAll(async () => {
  base = makeTempDir('crash');
  const pristine = path.join(base, 'pristine');
  generateRepo(pristine, FILES);
  original = readTree(pristine);
  const reference = path.join(base, 'reference');
  copyTree(pristine, reference);
  await runMigrateJson([reference, '--force'], { transformsModule: TEST_TRANSFORMS, workers: 0 });
  migrated = readTree(reference);
  expect(migrated.size).toBeGreaterThan(original.size);
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

test.each([5, 90, 170])('killed after %i reported files: every file old or new, and a rerun finishes', async (afterLines) => {
  const dir = path.join(base, `killed-${afterLines}`);
  copyTree(path.join(base, 'pristine'), dir);
  const { killed } = await runAndKill(dir, afterLines);
  expect(killed).toBe(true);

  const interrupted = readTree(dir);
  let changed = 0;
  for (const [file, bytes] of interrupted) {
    // Leftovers of the interrupted run (temp files, a journal) are allowed until the rerun cleans them.
    if (/\.forklift-[0-9a-z]+-[0-9a-f]+\.(tmp|journal)$/.test(file)) continue;
    const old = original.get(file);
    const next = migrated.get(file);
    const isOld = old !== undefined && bytes.equals(old);
    const isNew = next !== undefined && bytes.equals(next);
    if (!isOld && !isNew) throw new Error(`${file} is neither its original nor its migrated form:\n${bytes.toString('utf8')}`);
    if (!isOld) changed += 1;
  }
  for (const file of original.keys()) expect(interrupted.has(file)).toBe(true);
  // The kill landed before the run finished (a run puts its files in place all at once at its end).
  expect(changed).toBeLessThan(migrated.size);

  const rerun = await runMigrateJson([dir, '--force'], { transformsModule: TEST_TRANSFORMS, workers: 0 });
  expect(rerun.code).toBe(0);
  const finished = readTree(dir);
  expect([...finished.keys()].sort()).toEqual([...migrated.keys()].sort());
  for (const [file, bytes] of migrated) expect({ file, same: finished.get(file)!.equals(bytes) }).toEqual({ file, same: true });
});
