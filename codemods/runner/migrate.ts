/**
 * `forklift migrate`: discovers the files and triages them (triage.ts), asks the analysis for the
 * repository facts (once), runs the transforms on every task (worker pool or in-process), and for each
 * result plans its writes (writePlan.ts), writes them atomically as soon as it arrives, and records it
 * (runLedger.ts). Nothing outside the target directory is read as a link or written; a file that cannot
 * be handled is reported and the run goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeRepository, createSourceReader, listRepositoryFiles, type RepositoryAnalysis } from '../analysis';
import { applyOperations, recoverInterruptedRun, type FileOperation } from './atomicWrite';
import { ErrorCodes, messageOf } from '../../framework/wiring';
import { UsageError } from './errors';
import { uncommittedChanges } from './gitState';
import { loadTransforms } from './loadTransforms';
import { poolPlan, startTaskRunner } from './pool';
import { RunLedger } from './runLedger';
import { triageFiles } from './triage';
import type { MigrateOptions, MigrationReport } from './types';
import { planWrites } from './writePlan';

function checkDirectory(dir: string): string {
  const root = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError(ErrorCodes.FORKLIFT_NO_DIRECTORY, `${dir} does not exist: pass the folder of the repository to migrate`);
  }
  if (!stat.isDirectory())
    throw new UsageError(ErrorCodes.FORKLIFT_NO_DIRECTORY, `${dir} is not a directory: pass the folder of the repository to migrate`);
  return root;
}

function refuseDirtyTree(root: string): void {
  const changes = uncommittedChanges(root);
  if (!changes || changes.length === 0) return;
  const sample = changes
    .slice(0, 3)
    .map((line) => line.slice(3))
    .join(', ');
  throw new UsageError(
    ErrorCodes.FORKLIFT_DIRTY_TREE,
    `${root} has uncommitted changes in git (${changes.length}: ${sample}${changes.length > 3 ? ', ...' : ''}). ` +
      'Commit or stash them first so the migration can be reviewed as one diff, or pass --force to run anyway.',
  );
}

/** Writes one task's files as a group; the reason when that failed (nothing of the group was changed). */
function writeTaskFiles(root: string, operations: FileOperation[]): string | undefined {
  try {
    applyOperations(root, operations);
    return undefined;
  } catch (error) {
    return `could not be written (${messageOf(error)}); nothing of it was changed`;
  }
}

export async function migrate(options: MigrateOptions): Promise<MigrationReport> {
  const root = checkDirectory(options.dir);
  const transforms = loadTransforms(options.transformsModule, options.only);
  if (!options.dry && !options.force) refuseDirtyTree(root);
  if (!options.dry) recoverInterruptedRun(root);

  // Files and their text first: the text checks decide how much work there is, hence the pool size.
  const files = options.analysis?.files ?? listRepositoryFiles(root);
  const reader =
    options.analysis?.reader ??
    createSourceReader(
      root,
      files.filter((f) => f.kind !== 'symlink').map((f) => f.path),
    );
  const { immediate, tasks, startTexts } = triageFiles(root, files, reader, transforms);

  // The pool starts now, so workers load the transforms while this thread analyses the repository.
  const runner = startTaskRunner(
    { root, target: options.target, only: options.only, transformsModule: options.transformsModule },
    poolPlan(tasks.length, options.workers),
  );
  try {
    let analysis: RepositoryAnalysis;
    try {
      analysis = options.analysis ?? analyzeRepository(root, { files, reader });
    } catch (error) {
      // The repository cannot be understood (a broken package.json): refuse the run, naming the file.
      throw new UsageError(ErrorCodes.FORKLIFT_ANALYSIS_FAILED, messageOf(error));
    }
    // Taken before anything is written: transforms read other files from it, never from the half-migrated disk.
    runner.provide({ facts: analysis.facts, snapshot: reader.snapshot() });
    const ledger = new RunLedger({
      root,
      total: immediate.length + tasks.length,
      startTexts,
      diff: options.diff,
      onFile: options.onFile,
    });
    immediate.forEach((report) => ledger.record(report));

    await runner.run(tasks, (task, result) => {
      const outcomes = ledger.outcomesToApply(task, result);
      const plan = planWrites(root, task.path, outcomes, (relPath) => ledger.changeOwner(relPath));
      const refusal = plan.refusal ?? (options.dry ? undefined : writeTaskFiles(root, plan.operations));
      if (refusal) ledger.refuse(task, outcomes, refusal);
      else ledger.accept(task, outcomes, result.manualSteps);
    });
    return ledger.report();
  } finally {
    await runner.close();
  }
}

/** Exit code of a finished run, as DESIGN.md fixes it: 1 when any file errored, else 0. */
export function exitCodeOf(report: MigrationReport): 0 | 1 {
  return report.summary.errors > 0 ? 1 : 0;
}
