/**
 * A run's writes are one transaction: all of its files are put in place, or none are. While results
 * arrive, each new text goes to a temp file next to its target (nothing visible changes). At the end the
 * run writes a journal naming every rename and deletion, then carries them out, then removes the journal.
 *
 * Killed before the journal exists, a run has changed nothing (its temp files are cleaned by the next
 * run). Killed after, the next run finishes the journal before it looks at anything. Either way the rerun
 * starts from a tree that is exactly the starting tree or exactly the finished one, so an interrupted
 * run, run again, ends where an uninterrupted run ends.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { FORKLIFT_TEMP_PATTERN } from '../analysis';
import { messageOf } from '../../framework/wiring';
import { Disk } from './disk';
import { WriteFailure } from './errors';

export type FileOperation =
  | { kind: 'write'; path: string; content: string; /** Mode to keep, from the file being replaced. */ mode?: number }
  | { kind: 'delete'; path: string };

/**
 * One line of the journal: rename `temp` onto `path`, or delete `path`. Paths are relative to the root
 * (so a repository moved after a kill is still finished); absolute ones inside the root are read too.
 */
interface JournalEntry {
  path: string;
  temp?: string;
  delete?: boolean;
}

/** The name part temp files and journals share (see FORKLIFT_TEMP_PATTERN). */
function uniqueSuffix(): string {
  return `.forklift-${process.pid.toString(36)}-${crypto.randomBytes(5).toString('hex')}`;
}

/** A temp file name next to `target`, which recoverInterruptedRun removes if a run leaves it behind. */
export function temporaryNameFor(target: string): string {
  return `${target}${uniqueSuffix()}.tmp`;
}

const RERUN = 'Fix the cause and run forklift migrate again.';

export class RunTransaction {
  readonly #root: string;
  readonly #disk: Disk;
  readonly #entries: JournalEntry[] = [];
  /** Folders made for created files, outermost first: abandon removes them again. */
  readonly #madeFolders: string[] = [];
  #state: 'staging' | 'journaled' | 'done' | 'abandoned' = 'staging';

  constructor(root: string, disk: Disk = new Disk()) {
    this.#root = path.resolve(root);
    this.#disk = disk;
  }

  /** Files changed so far (staged writes and deletions). */
  get size(): number {
    return this.#entries.length;
  }

  /**
   * Writes a group's new texts to temp files next to their targets and notes its deletions; nothing
   * visible changes. Throws a WriteFailure naming the file that could not be written.
   */
  stage(operations: FileOperation[]): void {
    if (this.#state !== 'staging') throw new Error(`forklift internal error: staging into a ${this.#state} transaction`);
    for (const op of operations) {
      if (op.kind === 'delete') {
        this.#entries.push({ path: op.path, delete: true });
        continue;
      }
      const temp = temporaryNameFor(op.path);
      try {
        const made = this.#disk.makeFolderFor(op.path);
        if (made) this.#madeFolders.push(made);
        this.#disk.writeNew(temp, op.content, op.mode);
      } catch (error) {
        this.#entries.push({ path: op.path, temp });
        throw new WriteFailure(
          `${this.#relative(op.path)} could not be written (${messageOf(error)}). Nothing was changed: ` +
            `a run puts all of its files in place or none. ${RERUN}`,
        );
      }
      this.#entries.push({ path: op.path, temp });
    }
  }

  /** Puts every staged change in place. From the moment the journal exists, a killed run is finished by the next one. */
  commit(): void {
    if (this.#state !== 'staging') throw new Error(`forklift internal error: committing a ${this.#state} transaction`);
    if (this.#entries.length === 0) {
      this.#state = 'done';
      return;
    }
    // Another run in the same folder cleans up temp files it takes for leftovers: never journal a lost one.
    const lost = this.#entries.find((entry) => entry.temp !== undefined && !fs.existsSync(entry.temp));
    if (lost) {
      this.abandon();
      throw new WriteFailure(
        `the staged text of ${this.#relative(lost.path)} disappeared before the run could put it in place (is another ` +
          `forklift migrate running in this folder?). Nothing was changed. ${RERUN}`,
      );
    }
    const journal = path.join(this.#root, `${uniqueSuffix()}.journal`);
    const journalTemp = path.join(this.#root, `${uniqueSuffix()}.tmp`);
    const lines = this.#entries.map((entry) => ({
      ...entry,
      path: this.#relative(entry.path),
      ...(entry.temp ? { temp: this.#relative(entry.temp) } : {}),
    }));
    try {
      this.#disk.writeNew(journalTemp, JSON.stringify(lines));
      this.#disk.rename(journalTemp, journal);
    } catch (error) {
      this.#removeQuietly(journalTemp);
      this.abandon();
      throw new WriteFailure(`the run's journal could not be written (${messageOf(error)}). Nothing was changed. ${RERUN}`);
    }
    this.#state = 'journaled';
    try {
      replay(this.#entries, this.#disk);
    } catch (error) {
      throw new WriteFailure(
        `the run stopped while putting its files in place (${messageOf(error)}). ${RERUN} ` +
          `It first finishes this run from its journal ${this.#relative(journal)}.`,
      );
    }
    this.#state = 'done';
    try {
      this.#disk.remove(journal);
    } catch (error) {
      throw new WriteFailure(
        `every file is in place, but the journal ${this.#relative(journal)} could not be removed (${messageOf(error)}); delete it.`,
      );
    }
  }

  /** Removes every staged temp file: the run ends with nothing changed. Best effort; the next run removes what is left. */
  abandon(): void {
    if (this.#state !== 'staging') return;
    this.#state = 'abandoned';
    for (const entry of this.#entries) if (entry.temp) this.#removeQuietly(entry.temp);
    for (const made of [...this.#madeFolders].reverse()) {
      try {
        removeEmptyTree(made, this.#disk);
      } catch {
        // An empty folder is all that is left; harmless, and the next run fills it again.
      }
    }
  }

  #removeQuietly(file: string): void {
    try {
      this.#disk.remove(file);
    } catch {
      // Left for recoverInterruptedRun, like the temp files of a killed run.
    }
  }

  #relative(file: string): string {
    return path.relative(this.#root, file).split(path.sep).join('/');
  }
}

/** Removes `dir` and the folders below it, deepest first, as long as they hold no file. */
function removeEmptyTree(dir: string, disk: Disk): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyTree(path.join(dir, entry.name), disk);
  }
  disk.removeEmptyFolder(dir);
}

/** Carries out journal entries; each is idempotent, so replaying a journal twice is harmless. */
function replay(entries: JournalEntry[], disk: Disk): void {
  for (const entry of entries) {
    if (entry.temp) {
      if (fs.existsSync(entry.temp)) disk.rename(entry.temp, entry.path);
    } else if (entry.delete) {
      disk.remove(entry.path);
    }
  }
}

/** The journal's entries with absolute paths; undefined when it is unreadable or names a path outside the root. */
function readJournal(file: string, root: string): JournalEntry[] | undefined {
  let lines: unknown;
  try {
    lines = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(lines)) return undefined;
  const resolve = (p: unknown): string | undefined => {
    if (typeof p !== 'string') return undefined;
    const full = path.resolve(root, p);
    return full.startsWith(root + path.sep) ? full : undefined;
  };
  const entries: JournalEntry[] = [];
  for (const line of lines as JournalEntry[]) {
    const target = resolve(line?.path);
    const temp = line?.temp === undefined ? undefined : resolve(line.temp);
    if (!target || (line.temp !== undefined && !temp)) return undefined;
    entries.push(temp ? { path: target, temp } : { path: target, delete: line.delete === true });
  }
  return entries;
}

/** The journals a killed run left in `root` (absolute paths). */
export function pendingJournals(root: string): string[] {
  const absolute = path.resolve(root);
  return fg
    .sync('.forklift-*.journal', { cwd: absolute, dot: true, onlyFiles: true })
    .filter((name) => FORKLIFT_TEMP_PATTERN.test(name))
    .map((name) => path.join(absolute, name));
}

/** The files a pending journal will change (absolute paths): what a killed run had begun to put in place. */
export function pathsOfPendingJournals(root: string): string[] {
  const absolute = path.resolve(root);
  return pendingJournals(absolute).flatMap((journal) => (readJournal(journal, absolute) ?? []).map((entry) => entry.path));
}

/**
 * Finishes what a killed run left: replays its journal (the run had begun putting files in place), then
 * removes stray temp files (their targets were never replaced, so the originals are intact). Returns how
 * many journals were replayed.
 */
export function recoverInterruptedRun(root: string, disk: Disk = new Disk()): number {
  const absolute = path.resolve(root);
  const journals = pendingJournals(absolute);
  for (const journal of journals) {
    // Journals are renamed into place whole, so an unreadable one was never ours to trust.
    const entries = readJournal(journal, absolute);
    try {
      if (entries) replay(entries, disk);
      disk.remove(journal);
    } catch (error) {
      throw new WriteFailure(
        `an earlier run of forklift migrate was stopped while putting its files in place, and finishing it failed ` +
          `(${messageOf(error)}). ${RERUN}`,
      );
    }
  }
  const strays = fg.sync('**/*.forklift-*.tmp', {
    cwd: absolute,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
  });
  for (const stray of strays) if (FORKLIFT_TEMP_PATTERN.test(stray)) disk.remove(path.join(absolute, stray));
  return journals.length;
}
