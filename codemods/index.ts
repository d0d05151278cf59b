/** The codemods' public face: the CLI entry, migrate, plan and adopt, the analysis and the transform registry. */
export { main } from './cli';
export { migrate, exitCodeOf, UsageError, WriteFailure } from './runner';
export type { FileReport, FileStatus, MigrateOptions, MigrationReport, ReportSummary, WriteHook, WriteStep } from './runner';
export { adopt, adoptExitCode, pluginJourneys } from './adopt';
export type { AdoptedPlugin, AdoptOptions, AdoptOutcome, AdoptReport, Blocker, BlockerKind, PluginJourney, PluginState } from './adopt';
export { plan } from './plan';
export type { MigrationPlan } from './plan';
export { analyzeRepository, isMigratedPackage } from './analysis';
export { allTransforms, selectTransforms } from './transforms';
export type {
  FileOutcome,
  ManualStep,
  PackageFacts,
  RepoFacts,
  SourceFile,
  Transform,
  TransformContext,
  TransformResult,
} from './transforms/types';
