/**
 * What a run learns as results arrive: each file's report, the text each file ends with (manual steps
 * are read from it), the files deleted, and which task changed each path (a second, independent change
 * to one file is refused). The ledger never touches the disk for writing; it only records.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ManualStep } from '../transforms/types';
import { unifiedDiff } from './diff';
import { mergeManualSteps, scanManualSteps } from './manualSteps';
import { summarize } from './report';
import type { FileReport, FileTask, FileTaskOutcome, FileTaskResult, MigrateOptions, MigrationReport } from './types';

/** The task (by its input path) and transform that changed a file in this run. */
export interface ChangeOwner {
  task: string;
  transform: string;
}

export interface RunLedgerOptions {
  root: string;
  /** How many reports the run will make (immediate ones plus tasks), for progress. */
  total: number;
  /** The text of every readable source file as the run found it. */
  startTexts: Map<string, string>;
  /** Attach a unified diff to each changed, created or deleted file. */
  diff?: boolean;
  onFile?(file: FileReport, done: number, total: number): void;
  onChange?: MigrateOptions['onChange'];
}

function readExisting(full: string): string {
  try {
    return fs.readFileSync(full, 'utf8');
  } catch {
    return '';
  }
}

function byPath(a: FileReport, b: FileReport): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export class RunLedger {
  readonly #root: string;
  readonly #total: number;
  readonly #diff: boolean;
  readonly #onFile: RunLedgerOptions['onFile'];
  readonly #onChange: RunLedgerOptions['onChange'];
  readonly #reports = new Map<string, FileReport>();
  readonly #finalText: Map<string, string>;
  readonly #deleted = new Set<string>();
  readonly #reportedSteps: ManualStep[] = [];
  readonly #changedBy = new Map<string, ChangeOwner>();
  #done = 0;

  constructor(options: RunLedgerOptions) {
    this.#root = options.root;
    this.#total = options.total;
    this.#diff = options.diff ?? false;
    this.#onFile = options.onFile;
    this.#onChange = options.onChange;
    this.#finalText = new Map(options.startTexts);
  }

  /** Records one file's report and tells the caller's progress about it. */
  record(report: FileReport): void {
    // A file another task changed stays reported as changed: its own task finding nothing to do does not undo that.
    const earlier = this.#reports.get(report.path);
    if (!(report.status === 'unmodified' && earlier && earlier.status !== 'unmodified')) this.#reports.set(report.path, report);
    this.#done += 1;
    this.#onFile?.(report, this.#done, this.#total);
  }

  /** The task's outcomes still to apply: its own file's outcome is dropped when an earlier task deleted that file. */
  outcomesToApply(task: FileTask, result: FileTaskResult): FileTaskOutcome[] {
    return result.outcomes.filter((o) => !(o.path === task.path && this.#deleted.has(o.path)));
  }

  /** Who changed `relPath` earlier in this run, if anyone. */
  changeOwner(relPath: string): ChangeOwner | undefined {
    return this.#changedBy.get(relPath);
  }

  /** Nothing of the task was written: one error for its file, naming why. */
  refuse(task: FileTask, outcomes: FileTaskOutcome[], message: string): void {
    this.record({ path: task.path, status: 'error', transform: outcomes[0]?.transform ?? '', message });
  }

  /** The task's outcomes were written (or, in a dry run, would have been): report each and remember the new texts. */
  accept(task: FileTask, outcomes: FileTaskOutcome[], manualSteps: ManualStep[]): void {
    this.#reportedSteps.push(...manualSteps);
    for (const outcome of outcomes) {
      if (outcome.status === 'ok' || outcome.status === 'created' || outcome.status === 'deleted') {
        this.#changedBy.set(outcome.path, { task: task.path, transform: outcome.transform });
      }
      const report: FileReport = { path: outcome.path, status: outcome.status, transform: outcome.transform };
      if (outcome.message !== undefined) report.message = outcome.message;
      const before =
        outcome.path === task.path ? task.source : (this.#finalText.get(outcome.path) ?? readExisting(path.join(this.#root, outcome.path)));
      if (outcome.status === 'deleted' || outcome.source !== undefined) {
        const after = outcome.status === 'deleted' ? null : outcome.source!;
        this.#onChange?.({ path: outcome.path, before: outcome.status === 'created' ? null : before, after });
      }
      if (outcome.status === 'deleted') {
        this.#deleted.add(outcome.path);
        this.#finalText.delete(outcome.path);
        if (this.#diff) report.diff = unifiedDiff(outcome.path, before, '');
      } else if (outcome.source !== undefined) {
        this.#finalText.set(outcome.path, outcome.source);
        if (this.#diff) report.diff = unifiedDiff(outcome.path, outcome.status === 'created' ? '' : before, outcome.source);
      }
      this.record(report);
    }
  }

  /** The run's report: files sorted by path, the summary, and the manual steps read from the final texts. */
  report(): MigrationReport {
    const files = [...this.#reports.values()].sort(byPath);
    const scanned = [...this.#finalText].flatMap(([file, text]) => scanManualSteps(file, text));
    const manualSteps = mergeManualSteps(
      scanned,
      this.#reportedSteps.filter((step) => !this.#deleted.has(step.path)),
    );
    return { files, summary: summarize(files), manualSteps };
  }
}
