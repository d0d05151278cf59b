/** The runner: discovery, worker pool, atomic writes and the report of `forklift migrate`. */
export { migrate, exitCodeOf } from './migrate';
export { UsageError, WriteFailure, describeError } from './errors';
export { resultsLine, fileLine, renderManualSteps, summarize } from './report';
export { createProgress } from './progress';
export { writeFileAtomic } from './atomicWrite';
export { recoverInterruptedRun, RunTransaction, type FileOperation } from './transaction';
export type { WriteHook, WriteStep } from './disk';
export { DEFAULT_TRANSFORMS_MODULE } from './loadTransforms';
export { parseProblem } from './processFile';
export type { FileReport, FileStatus, MigrateOptions, MigrationReport, ReportSummary } from './types';
export { applyChanges } from './applyChanges';
export type { ApplyOptions, FileChange } from './applyChanges';
export { colours } from './colors';
