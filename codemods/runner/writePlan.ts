/**
 * Turns one task's outcomes into the file operations to carry out, or into the reason none of them may
 * be: a path outside the directory or through a link, a file another task already changed in this run,
 * or a read-only file. A task is written whole or not at all, so the first refusal stops its plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChangeOwner } from './runLedger';
import { unsafeWriteReason } from './safePaths';
import type { FileOperation } from './transaction';
import type { FileTaskOutcome } from './types';

export type WritePlan = { operations: FileOperation[]; refusal?: undefined } | { operations?: undefined; refusal: string };

function isReadOnly(full: string): boolean {
  try {
    // Mode bits, not access(): a run as root may write anything, yet a read-only file says "do not touch".
    return (fs.statSync(full).mode & 0o222) === 0;
  } catch {
    return false;
  }
}

/** The nearest folder of `full` that exists: where the rename or deletion of `full` happens. */
function existingFolderOf(full: string): string {
  let dir = path.dirname(full);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function modeOf(full: string): number | undefined {
  try {
    return fs.statSync(full).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function refusalFor(root: string, taskPath: string, outcome: FileTaskOutcome, earlier: ChangeOwner | undefined): string | undefined {
  const unsafe = unsafeWriteReason(root, outcome.path);
  if (unsafe) return unsafe;
  if (earlier && earlier.task !== taskPath) {
    // Both changes were computed from the starting text; writing this one would undo the other.
    return (
      `${outcome.path} was already changed in this run by ${earlier.transform} (working on ${earlier.task}); ` +
      'nothing of this change was written: run forklift again to apply it'
    );
  }
  const full = path.join(root, outcome.path);
  if (isReadOnly(full)) return `${outcome.path} is read-only: make it writable (chmod u+w) and run forklift again`;
  const folder = existingFolderOf(full);
  if (isReadOnly(folder)) {
    const name = path.relative(root, folder).split(path.sep).join('/') || '.';
    return `the folder ${name} is read-only, so ${outcome.path} cannot be ${outcome.status === 'deleted' ? 'deleted' : 'written'}: make it writable (chmod u+w) and run forklift again`;
  }
  return undefined;
}

/**
 * The operations (absolute paths) for the outcomes of the task on `taskPath`. `ownerOf` says which task
 * changed a path earlier in the run.
 */
export function planWrites(
  root: string,
  taskPath: string,
  outcomes: FileTaskOutcome[],
  ownerOf: (relPath: string) => ChangeOwner | undefined,
): WritePlan {
  const operations: FileOperation[] = [];
  for (const outcome of outcomes) {
    const writes = (outcome.status === 'ok' || outcome.status === 'created') && outcome.source !== undefined;
    if (!writes && outcome.status !== 'deleted') continue;
    const refusal = refusalFor(root, taskPath, outcome, ownerOf(outcome.path));
    if (refusal) return { refusal };
    const full = path.join(root, outcome.path);
    operations.push(writes ? { kind: 'write', path: full, content: outcome.source!, mode: modeOf(full) } : { kind: 'delete', path: full });
  }
  return { operations };
}
