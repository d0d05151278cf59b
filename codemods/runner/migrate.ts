/**
 * `forklift migrate`: discovers the files, asks the analysis for the repository facts (once), runs the
 * transforms on every file whose text check matches (worker pool or in-process), and applies each file's
 * result atomically as soon as it arrives. Nothing outside the target directory is read as a link or
 * written; a file that cannot be handled is reported and the run goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { analyzeRepository, createSourceReader, listRepositoryFiles, type RepositoryAnalysis } from '../analysis';
import type { ManualStep } from '../transforms/types';
import { applyOperations, recoverInterruptedRun, type FileOperation } from './atomicWrite';
import { UsageError } from './errors';
import { uncommittedChanges } from './gitState';
import { loadTransforms } from './loadTransforms';
import { mergeManualSteps, scanManualSteps } from './manualSteps';
import { poolPlan, startTaskRunner } from './pool';
import { summarize } from './report';
import { unsafeWriteReason } from './safePaths';
import { looksBinary, normalizeText } from './textEncoding';
import type { FileReport, FileTask, FileTaskResult, MigrateOptions, MigrationReport } from './types';

function checkDirectory(dir: string): string {
  const root = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new UsageError('NO_DIRECTORY', `${dir} does not exist: pass the folder of the repository to migrate`);
  }
  if (!stat.isDirectory()) throw new UsageError('NO_DIRECTORY', `${dir} is not a directory: pass the folder of the repository to migrate`);
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
    'DIRTY_TREE',
    `${root} has uncommitted changes in git (${changes.length}: ${sample}${changes.length > 3 ? ', ...' : ''}). ` +
      'Commit or stash them first so the migration can be reviewed as one diff, or pass --force to run anyway.',
  );
}

function isReadOnly(full: string): boolean {
  try {
    // Mode bits, not access(): a run as root may write anything, yet a read-only file says "do not touch".
    return (fs.statSync(full).mode & 0o222) === 0;
  } catch {
    return false;
  }
}

function modeOf(full: string): number | undefined {
  try {
    return fs.statSync(full).mode & 0o7777;
  } catch {
    return undefined;
  }
}

function readExisting(full: string): string {
  try {
    return fs.readFileSync(full, 'utf8');
  } catch {
    return '';
  }
}

export async function migrate(options: MigrateOptions): Promise<MigrationReport> {
  const root = checkDirectory(options.dir);
  const transforms = loadTransforms(options.transformsModule, options.only);
  if (!options.dry && !options.force) refuseDirtyTree(root);
  if (!options.dry) recoverInterruptedRun(root);

  const reports = new Map<string, FileReport>();
  /** The text each file will have after the run (what the manual steps are read from). */
  const finalText = new Map<string, string>();
  const deleted = new Set<string>();
  const reportedSteps: ManualStep[] = [];
  const tasks: FileTask[] = [];
  const immediate: FileReport[] = [];
  /** Which task changed each path so far: a second, independent change to the same file is refused. */
  const changedBy = new Map<string, { task: string; transform: string }>();

  // Files and their text first: the text checks decide how much work there is, hence the pool size.
  const files = options.analysis?.files ?? listRepositoryFiles(root);
  const reader =
    options.analysis?.reader ??
    createSourceReader(
      root,
      files.filter((f) => f.kind !== 'symlink').map((f) => f.path),
    );
  for (const entry of files) {
    if (entry.kind === 'template') {
      immediate.push({ path: entry.path, status: 'skipped', transform: '', message: 'template (.hbs): never rewritten' });
    } else if (entry.kind === 'symlink') {
      immediate.push({ path: entry.path, status: 'skipped', transform: '', message: 'symbolic link: never followed' });
    } else if (entry.kind === 'source') {
      const text = reader.read(entry.path);
      if (text === undefined) {
        immediate.push({ path: entry.path, status: 'error', transform: '', message: 'cannot be read: check its permissions' });
      } else if (looksBinary(text, () => fs.readFileSync(path.join(root, entry.path)))) {
        immediate.push({ path: entry.path, status: 'skipped', transform: '', message: 'binary or not UTF-8 text: never rewritten' });
      } else {
        const file = { path: entry.path, source: normalizeText(text) };
        finalText.set(entry.path, text);
        if (transforms.some((t) => t.matches(file))) tasks.push({ path: entry.path, source: text });
        else immediate.push({ path: entry.path, status: 'unmodified', transform: '' });
      }
    }
  }

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
      throw new UsageError('ANALYSIS_FAILED', (error as Error).message);
    }
    // Taken before anything is written: transforms read other files from it, never from the half-migrated disk.
    runner.provide({ facts: analysis.facts, snapshot: reader.snapshot() });
    const total = immediate.length + tasks.length;
    let done = 0;
    const record = (report: FileReport) => {
      reports.set(report.path, report);
      done += 1;
      options.onFile?.(report, done, total);
    };
    immediate.forEach(record);

    const diffOf = (relPath: string, before: string, after: string) =>
      createTwoFilesPatch(before === '' ? '/dev/null' : `a/${relPath}`, after === '' ? '/dev/null' : `b/${relPath}`, before, after);

    const onResult = (task: FileTask, result: FileTaskResult) => {
      const outcomes = result.outcomes.filter((o) => !(o.path === task.path && deleted.has(o.path)));
      const operations: FileOperation[] = [];
      let refusal: string | undefined;
      for (const outcome of outcomes) {
        const writes = (outcome.status === 'ok' || outcome.status === 'created') && outcome.source !== undefined;
        if (!writes && outcome.status !== 'deleted') continue;
        const full = path.join(root, outcome.path);
        const unsafe = unsafeWriteReason(root, outcome.path);
        const earlier = changedBy.get(outcome.path);
        if (unsafe) refusal = unsafe;
        else if (earlier && earlier.task !== task.path) {
          // Both changes were computed from the starting text; writing this one would undo the other.
          refusal =
            `${outcome.path} was already changed in this run by ${earlier.transform} (working on ${earlier.task}); ` +
            'nothing of this change was written: run forklift again to apply it';
        } else if (isReadOnly(full)) refusal = `${outcome.path} is read-only: make it writable (chmod u+w) and run forklift again`;
        if (refusal) break;
        operations.push(
          writes ? { kind: 'write', path: full, content: outcome.source!, mode: modeOf(full) } : { kind: 'delete', path: full },
        );
      }
      if (!refusal && !options.dry) {
        try {
          applyOperations(root, operations);
        } catch (error) {
          refusal = `could not be written (${(error as Error).message}); nothing of it was changed`;
        }
      }
      if (refusal) {
        record({ path: task.path, status: 'error', transform: outcomes[0]?.transform ?? '', message: refusal });
        return;
      }
      reportedSteps.push(...result.manualSteps);
      for (const outcome of outcomes) {
        if (outcome.status === 'ok' || outcome.status === 'created' || outcome.status === 'deleted') {
          changedBy.set(outcome.path, { task: task.path, transform: outcome.transform });
        }
        const report: FileReport = { path: outcome.path, status: outcome.status, transform: outcome.transform };
        if (outcome.message !== undefined) report.message = outcome.message;
        const before =
          outcome.path === task.path ? task.source : (finalText.get(outcome.path) ?? readExisting(path.join(root, outcome.path)));
        if (outcome.status === 'deleted') {
          deleted.add(outcome.path);
          finalText.delete(outcome.path);
          if (options.diff) report.diff = diffOf(outcome.path, before, '');
        } else if (outcome.source !== undefined) {
          finalText.set(outcome.path, outcome.source);
          if (options.diff) report.diff = diffOf(outcome.path, outcome.status === 'created' ? '' : before, outcome.source);
        }
        record(report);
      }
    };

    await runner.run(tasks, onResult);

    const reported = [...reports.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const scanned = [...finalText].flatMap(([file, text]) => scanManualSteps(file, text));
    const manualSteps = mergeManualSteps(
      scanned,
      reportedSteps.filter((step) => !deleted.has(step.path)),
    );
    return { files: reported, summary: summarize(reported), manualSteps };
  } finally {
    await runner.close();
  }
}

/** Exit code of a finished run, as DESIGN.md fixes it: 1 when any file errored, else 0. */
export function exitCodeOf(report: MigrationReport): 0 | 1 {
  return report.summary.errors > 0 ? 1 : 0;
}
