/**
 * Writes that an interruption (even SIGKILL) cannot leave half done. One file: write a temp file in the
 * same folder, then rename it over the target (rename is atomic on one file system). Several files that
 * belong together (a transform that rewrites one file and creates another): write every temp file, then a
 * journal naming the renames and deletions, then carry them out; `recoverInterruptedRun` finishes a
 * journal left by a killed run, so a group is never half applied once its journal exists.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';

export type FileOperation =
  | { kind: 'write'; path: string; content: string; /** Mode to keep, from the file being replaced. */ mode?: number }
  | { kind: 'delete'; path: string };

interface JournalEntry {
  path: string;
  temp?: string;
  delete?: boolean;
}

function uniqueSuffix(): string {
  return `.forklift-${process.pid.toString(36)}-${crypto.randomBytes(5).toString('hex')}`;
}

function writeTemp(target: string, content: string, mode: number | undefined): string {
  const temp = `${target}${uniqueSuffix()}.tmp`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(temp, content, { mode: mode ?? 0o644 });
  // The umask applied on creation may have dropped bits the original had.
  if (mode !== undefined) fs.chmodSync(temp, mode);
  return temp;
}

/** Replaces (or creates) one file atomically, keeping the mode of the file it replaces. */
export function writeFileAtomic(target: string, content: string, mode?: number): void {
  const temp = writeTemp(target, content, mode);
  try {
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function removeIfPresent(file: string): void {
  fs.rmSync(file, { force: true });
}

/** Applies the operations (paths absolute) so that after any interruption plus recovery, all or none happened. */
export function applyOperations(root: string, operations: FileOperation[]): void {
  if (operations.length === 0) return;
  if (operations.length === 1) {
    const [op] = operations;
    if (op.kind === 'write') writeFileAtomic(op.path, op.content, op.mode);
    else removeIfPresent(op.path);
    return;
  }
  const entries: JournalEntry[] = [];
  try {
    for (const op of operations) {
      if (op.kind === 'write') entries.push({ path: op.path, temp: writeTemp(op.path, op.content, op.mode) });
      else entries.push({ path: op.path, delete: true });
    }
  } catch (error) {
    for (const entry of entries) if (entry.temp) removeIfPresent(entry.temp);
    throw error;
  }
  const journal = path.join(root, `${uniqueSuffix()}.journal`);
  writeFileAtomic(journal, JSON.stringify(entries));
  replay(entries);
  removeIfPresent(journal);
}

function replay(entries: JournalEntry[]): void {
  for (const entry of entries) {
    if (entry.temp) {
      if (fs.existsSync(entry.temp)) fs.renameSync(entry.temp, entry.path);
    } else if (entry.delete) {
      removeIfPresent(entry.path);
    }
  }
}

/**
 * Finishes what a killed run left: replays complete journals, then removes stray temp files (their
 * targets were never replaced, so the originals are intact). Returns how many journals were replayed.
 */
export function recoverInterruptedRun(root: string): number {
  const absolute = path.resolve(root);
  const journals = fg.sync('.forklift-*.journal', { cwd: absolute, dot: true, onlyFiles: true });
  for (const name of journals) {
    const file = path.join(absolute, name);
    let entries: JournalEntry[];
    try {
      entries = JSON.parse(fs.readFileSync(file, 'utf8')) as JournalEntry[];
    } catch {
      // Journals are written atomically, so an unreadable one was never ours to trust.
      removeIfPresent(file);
      continue;
    }
    const inside = (p: string | undefined) => p === undefined || p.startsWith(absolute + path.sep);
    if (Array.isArray(entries) && entries.every((e) => inside(e.path) && inside(e.temp))) replay(entries);
    removeIfPresent(file);
  }
  const strays = fg.sync('**/*.forklift-*.tmp', {
    cwd: absolute,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  for (const stray of strays) {
    if (/\.forklift-[0-9a-z]+-[0-9a-f]+\.tmp$/.test(stray)) removeIfPresent(path.join(absolute, stray));
  }
  return journals.length;
}
