/** The shapes the runner reports in: the `--json` output of the CLI contract (codemods/README.md) and the options of a run. */
import type { ImportFamily } from '../transforms/shared/importFamily';
import type { RepositoryAnalysis } from '../analysis';
import type { ManualStep } from '../transforms/types';
import type { WriteHook } from './disk';
import type { ChangedFile, VerifyReport } from '../verify';

export type FileStatus = 'ok' | 'unmodified' | 'skipped' | 'error' | 'created' | 'deleted';

export interface FileReport {
  path: string;
  status: FileStatus;
  /** The transforms that changed (or created, deleted, failed on) the file, comma-separated; '' when none applied. */
  transform: string;
  message?: string;
  /** Unified diff, only with `--diff`. */
  diff?: string;
}

export interface ReportSummary {
  ok: number;
  unmodified: number;
  skipped: number;
  errors: number;
  created: number;
  deleted: number;
}

export interface MigrationReport {
  files: FileReport[];
  summary: ReportSummary;
  manualSteps: ManualStep[];
  /** With `--verify`: the type-check of the result (its introduced errors are also `error` file entries). */
  verify?: VerifyReport;
}

export interface MigrateOptions {
  /** The repository (or folder of it) to migrate. */
  dir: string;
  /** Compute everything, write nothing. */
  dry?: boolean;
  /** Attach a unified diff to every changed, created or deleted file. */
  diff?: boolean;
  /** Run only these transforms (by name), in registry order. */
  only?: string[];
  target?: ImportFamily;
  /** Write backend indexes whose blocked mounts are kept as commented lines (see TransformContext.partial). */
  partial?: boolean;
  /** Run on a dirty git tree. */
  force?: boolean;
  /**
   * Absolute path of a module exporting the transforms (`allTransforms` or `transforms`); defaults to the
   * registry. Workers load transforms by module path, so tests inject theirs this way.
   */
  transformsModule?: string;
  /** Worker threads: 0 runs in-process; undefined sizes the pool to the machine and the amount of work. */
  workers?: number;
  /** The analysis of `dir`, when the caller (plan) has made it already: it is computed once per run. */
  analysis?: RepositoryAnalysis;
  /**
   * Called as each file's result is known. Its new text is then staged; the run puts every file in place
   * at its end, all or none (see transaction.ts).
   */
  onFile?(file: FileReport, done: number, total: number): void;
  /**
   * Sees every change the run is about to make on disk; a throw fails that change as a full disk would.
   * For tests that interrupt a run at each of its writes.
   */
  beforeWrite?: WriteHook;
  /** Called with each file's text before and after the change (also in a dry run), for `--verify`. */
  onChange?(change: ChangedFile): void;
}

/** What a worker returns for one file: every path it touched, in memory only. */
export interface FileTaskOutcome {
  path: string;
  status: FileStatus;
  transform: string;
  message?: string;
  /** New full text (encoding restored) for ok / created. */
  source?: string;
}

export interface FileTaskResult {
  outcomes: FileTaskOutcome[];
  manualSteps: ManualStep[];
}

export interface FileTask {
  path: string;
  /** The file's text exactly as on disk (BOM and line endings included). */
  source: string;
}
