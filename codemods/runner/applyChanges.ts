/**
 * Writes a set of whole-file changes that a command computed itself (`forklift adopt`), with the same
 * guarantees as `migrate`: a clean git tree unless forced, every written source parses, nothing is written
 * through a link or over a read-only file, and the files change together (one journal) or not at all.
 * `dry` computes the same report and writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ErrorCodes } from '../../framework/wiring';
import { unifiedDiff } from './diff';
import { UsageError } from './errors';
import { Disk } from './disk';
import { checkDirectory, refuseDirtyTree, refusePendingJournal } from './migrate';
import { recoverInterruptedRun, RunTransaction } from './transaction';
import type { FileTaskOutcome } from './types';
import { planWrites } from './writePlan';
import { scanManualSteps } from './manualSteps';
import { parseProblem } from './processFile';
import { summarize } from './report';
import type { FileReport, MigrationReport } from './types';

export interface FileChange {
  /** Relative to the root, forward slashes. */
  path: string;
  /** The new full text; undefined deletes the file. */
  after: string | undefined;
  /** What made the change (`adopt todo`), as the report's `transform`. */
  by: string;
}

export interface ApplyOptions {
  dry?: boolean;
  diff?: boolean;
  force?: boolean;
}

function readIfPresent(full: string): string | undefined {
  try {
    return fs.readFileSync(full, 'utf8');
  } catch {
    return undefined;
  }
}

/** Refuses (UsageError, nothing written) when any change would be unsafe; otherwise applies all of them. */
export function applyChanges(dir: string, changes: FileChange[], options: ApplyOptions = {}): MigrationReport {
  const root = checkDirectory(dir);
  if (!options.dry && !options.force) refuseDirtyTree(root);
  if (options.dry) refusePendingJournal(root);
  const disk = new Disk();
  if (!options.dry) recoverInterruptedRun(root, disk);

  const outcomes: FileTaskOutcome[] = [];
  const files: FileReport[] = [];
  const problems: string[] = [];
  for (const change of changes) {
    const before = readIfPresent(path.join(root, change.path));
    if (before === change.after) continue;
    const status = change.after === undefined ? 'deleted' : before === undefined ? 'created' : 'ok';
    if (change.after !== undefined) {
      const parse = parseProblem(change.path, change.after);
      if (parse) problems.push(`${change.path} would not parse (${parse}); nothing was written`);
    }
    outcomes.push({ path: change.path, status, transform: change.by, source: change.after });
    const report: FileReport = { path: change.path, status, transform: change.by };
    if (options.diff) report.diff = unifiedDiff(change.path, before ?? '', change.after ?? '');
    files.push(report);
  }
  // The same refusals as a migrate task's writes: links, paths outside the root, read-only files and folders.
  const plan = planWrites(root, outcomes[0]?.path ?? '', outcomes, () => undefined);
  if (plan.refusal !== undefined) problems.push(plan.refusal);
  if (problems.length > 0) throw new UsageError(ErrorCodes.FORKLIFT_UNSAFE_WRITE, problems.join('\n'));
  if (!options.dry) {
    const transaction = new RunTransaction(root, disk);
    try {
      transaction.stage(plan.operations!);
      transaction.commit();
    } catch (error) {
      transaction.abandon();
      throw error;
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manualSteps = changes.flatMap((change) => (change.after === undefined ? [] : scanManualSteps(change.path, change.after)));
  return { files, summary: summarize(files), manualSteps };
}
