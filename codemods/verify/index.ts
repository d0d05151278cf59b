/**
 * `--verify`: proof that a migration compiles. The files a run changed and the files importing them are
 * type-checked twice with the repository's own TypeScript setup, as they were before the run and as they are
 * after it; a diagnostic is the migration's when the file did not have it before. Errors that were there
 * already are counted, never blamed. Without node_modules nothing can be resolved, so nothing is verified.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadCompiler } from './compiler';
import { findImporters, isCheckable } from './importers';
import { diagnose, readCompilerOptions, type CheckSetup, type FileDiagnostic, type Overlay } from './program';

export type { FileDiagnostic } from './program';

/** One file the migration touched: its text before and after (`null`: the file does not exist then). */
export interface ChangedFile {
  path: string;
  before: string | null;
  after: string | null;
}

export interface VerifyInput {
  root: string;
  changes: readonly ChangedFile[];
  /** Every source file of the repository (relative paths), to find importers among. */
  sourceFiles: readonly string[];
  /** Names of the repository's own packages (imports of them may reach a changed file). */
  localPackages: ReadonlySet<string>;
}

export interface VerifyReport {
  /** False when nothing could be checked; `reason` says why. */
  verified: boolean;
  reason?: string;
  /** `typescript <version> (the repository's)` or `(forklift's)`. */
  compiler?: string;
  tsconfig?: string;
  /** Files type-checked (changed files and their importers), relative paths. */
  checkedFiles: string[];
  /** Type errors the migration introduced. */
  introduced: FileDiagnostic[];
  /** Type errors the checked files had before the migration and still have. */
  preExisting: number;
}

export function verifyChanges(input: VerifyInput): VerifyReport {
  const { root, changes } = input;
  if (!fs.existsSync(path.join(root, 'node_modules'))) {
    return {
      verified: false,
      reason: `${root} has no node_modules: install the repository's dependencies (npm install, yarn install) and verify again; nothing was type-checked`,
      checkedFiles: [],
      introduced: [],
      preExisting: 0,
    };
  }
  const compiler = loadCompiler(root);
  const { options, tsconfig } = readCompilerOptions(compiler.ts, root);
  const setup: CheckSetup = { ts: compiler.ts, root, options };
  const before: Overlay = new Map(changes.map((c) => [c.path, c.before]));
  const after: Overlay = new Map(changes.map((c) => [c.path, c.after]));

  const changed = new Set(changes.map((c) => c.path));
  const importers = new Set([
    ...findImporters(setup, before, input.sourceFiles, changed, input.localPackages),
    ...findImporters(setup, after, input.sourceFiles, changed, input.localPackages),
  ]);
  const checkedFiles = [...new Set([...[...changed].filter(isCheckable), ...importers])].sort();

  const diagnosticsBefore = diagnose(setup, before, checkedFiles);
  const diagnosticsAfter = diagnose(setup, after, checkedFiles);
  const { introduced, preExisting } = compareDiagnostics(diagnosticsBefore, diagnosticsAfter);
  return {
    verified: true,
    compiler: `typescript ${compiler.version} (${compiler.source === 'repository' ? "the repository's" : "forklift's"})`,
    ...(tsconfig ? { tsconfig: path.relative(root, tsconfig).split(path.sep).join('/') } : {}),
    checkedFiles,
    introduced,
    preExisting,
  };
}

/**
 * Lines move when code is rewritten, so a diagnostic is matched by file, code and message: each one before
 * accounts for one equal diagnostic after.
 */
export function compareDiagnostics(
  before: readonly FileDiagnostic[],
  after: readonly FileDiagnostic[],
): { introduced: FileDiagnostic[]; preExisting: number } {
  const key = (d: FileDiagnostic) => `${d.path}\0${d.code}\0${d.message}`;
  const remaining = new Map<string, number>();
  for (const d of before) remaining.set(key(d), (remaining.get(key(d)) ?? 0) + 1);
  const introduced: FileDiagnostic[] = [];
  let preExisting = 0;
  for (const d of after) {
    const left = remaining.get(key(d)) ?? 0;
    if (left > 0) {
      remaining.set(key(d), left - 1);
      preExisting += 1;
    } else introduced.push(d);
  }
  return { introduced, preExisting };
}

export { verifyMigrationRun, verifyAgainstRevision } from './run';
export { withVerification, verifyLine, describeDiagnostic } from './migrationReport';
