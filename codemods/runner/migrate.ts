/**
 * `forklift migrate`: discovers the files and triages them (triage.ts), asks the analysis for the
 * repository facts (once), runs the transforms on every task (worker pool or in-process), and for each
 * result plans its writes (writePlan.ts), stages them (transaction.ts) and records them (runLedger.ts).
 * At the end every staged file is put in place at once: a run changes all of its files or none, and one
 * killed while putting them in place is finished by the next run. Nothing outside the target directory
 * is read as a link or written; a file that cannot be handled is reported and the run goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeRepository, createSourceReader, FORKLIFT_TEMP_PATTERN, listRepositoryFiles, type RepositoryAnalysis } from '../analysis';
import { ErrorCodes, messageOf } from '../../framework/wiring';
import { Disk } from './disk';
import { UsageError } from './errors';
import { uncommittedChanges } from './gitState';
import { loadTransforms } from './loadTransforms';
import { poolPlan, startTaskRunner } from './pool';
import { createFileProcessor } from './processFile';
import { RunLedger } from './runLedger';
import { RunOutputRecorder, splitByRunOutput } from './runOutput';
import { pathsOfPendingJournals, pendingJournals, recoverInterruptedRun, RunTransaction } from './transaction';
import { setAsideScaffolding, triageFiles } from './triage';
import type { FileTask, FileTaskResult, MigrateOptions, MigrationReport } from './types';
import { planWrites } from './writePlan';

export function checkDirectory(dir: string): string {
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

/**
 * Refuses uncommitted changes, except what forklift itself left: temp files, a journal, and the files a
 * journal names (a run killed while putting its files in place; this run finishes it first).
 */
export function refuseDirtyTree(root: string): void {
  // git names files by their real path; compare in those terms.
  const real = fs.realpathSync(root);
  const ours = new Set(pathsOfPendingJournals(root).map((file) => path.join(real, path.relative(root, file))));
  const changes = (uncommittedChanges(root) ?? []).filter((file) => !FORKLIFT_TEMP_PATTERN.test(file) && !ours.has(file));
  if (changes.length === 0) return;
  const sample = changes
    .slice(0, 3)
    .map((file) => path.relative(real, file).split(path.sep).join('/'))
    .join(', ');
  throw new UsageError(
    ErrorCodes.FORKLIFT_DIRTY_TREE,
    `${root} has uncommitted changes in git (${changes.length}: ${sample}${changes.length > 3 ? ', ...' : ''}). ` +
      'Commit or stash them first so the migration can be reviewed as one diff, or pass --force to run anyway.',
  );
}

/** A dry run (and `plan`) would describe a half-written tree: the interrupted run must be finished first. */
export function refusePendingJournal(root: string): void {
  if (pendingJournals(root).length === 0) return;
  throw new UsageError(
    ErrorCodes.FORKLIFT_INTERRUPTED_RUN,
    `an earlier forklift migrate in ${root} was stopped while putting its files in place; ` +
      'run forklift migrate (without --dry) to finish it first, then ask again.',
  );
}

export async function migrate(options: MigrateOptions): Promise<MigrationReport> {
  const root = checkDirectory(options.dir);
  const transforms = loadTransforms(options.transformsModule, options.only);
  if (!options.dry && !options.force) refuseDirtyTree(root);
  if (options.dry) refusePendingJournal(root);
  const disk = new Disk(options.beforeWrite);
  // A run killed while putting its files in place is finished first, so this run starts from its end.
  if (!options.dry) recoverInterruptedRun(root, disk);

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
    { root, target: options.target, partial: options.partial, only: options.only, transformsModule: options.transformsModule },
    poolPlan(tasks.length, options.workers),
  );
  const transaction = options.dry ? undefined : new RunTransaction(root, disk);
  try {
    let analysis: RepositoryAnalysis;
    try {
      analysis = options.analysis ?? analyzeRepository(root, { files, reader });
    } catch (error) {
      // The repository cannot be understood (a broken package.json): refuse the run, naming the file.
      throw new UsageError(ErrorCodes.FORKLIFT_ANALYSIS_FAILED, messageOf(error));
    }
    // Taken before anything is written: transforms read other files from it, never from the half-migrated disk.
    const snapshot = reader.snapshot();
    runner.provide({ facts: analysis.facts, snapshot });
    const ledger = new RunLedger({
      root,
      total: immediate.length + tasks.length,
      startTexts,
      diff: options.diff,
      onFile: options.onFile,
      onChange: options.onChange,
    });
    const scaffolding = setAsideScaffolding(tasks, analysis.facts.packages);
    [...immediate, ...scaffolding.skipped].forEach((report) => ledger.record(report));

    const takeResult = (task: FileTask, result: FileTaskResult) => {
      const outcomes = ledger.outcomesToApply(task, result);
      const plan = planWrites(root, task.path, outcomes, (relPath) => ledger.changeOwner(relPath));
      if (plan.refusal !== undefined) {
        ledger.refuse(task, outcomes, plan.refusal);
        return;
      }
      transaction?.stage(plan.operations);
      ledger.accept(task, outcomes, result.manualSteps);
    };
    // Files whose transform reads what the others made of the rest (package.json) run last, on this thread.
    const { first, last } = splitByRunOutput(scaffolding.run, transforms);
    const recorder = new RunOutputRecorder();
    await runner.run(first, (task, result) => {
      recorder.record(task, result);
      takeResult(task, result);
    });
    if (last.length > 0) {
      const processLast = createFileProcessor({
        root,
        facts: analysis.facts,
        target: options.target,
        partial: options.partial,
        transforms,
        snapshot,
        runOutput: recorder.output(transforms),
      });
      for (const task of last) takeResult(task, processLast(task));
    }
    transaction?.commit();
    return ledger.report();
  } catch (error) {
    // Whatever stopped the run, nothing it staged is put in place (a no-op once its journal exists).
    transaction?.abandon();
    throw error;
  } finally {
    await runner.close();
  }
}

/** Exit code of a finished run (codemods/README.md, the CLI contract): 1 when any file errored, else 0. */
export function exitCodeOf(report: MigrationReport): 0 | 1 {
  return report.summary.errors > 0 ? 1 : 0;
}
