/**
 * The two ways a verification starts: after `forklift migrate --verify` from the run's own changes, and
 * `forklift verify <dir>` from what differs from a git revision. Both read the repository's source files and
 * package names the same way.
 */
import path from 'node:path';
import { ErrorCodes, messageOf } from '../../framework/wiring';
import { analyzeRepository } from '../analysis';
import { UsageError } from '../runner/errors';
import { changesSince } from './gitChanges';
import { verifyChanges, type ChangedFile, type VerifyReport } from './index';

function verifyIn(root: string, changes: readonly ChangedFile[]): VerifyReport {
  let analysis;
  try {
    analysis = analyzeRepository(root);
  } catch (error) {
    throw new UsageError(ErrorCodes.FORKLIFT_ANALYSIS_FAILED, messageOf(error));
  }
  const sourceFiles = analysis.files.filter((f) => f.kind === 'source').map((f) => f.path);
  const localPackages = new Set(analysis.facts.packages.map((p) => p.name));
  return verifyChanges({ root, changes, sourceFiles, localPackages });
}

/** After a migration run: `changes` as the runner reported them (also in a dry run, where nothing was written). */
export function verifyMigrationRun(dir: string, changes: readonly ChangedFile[]): VerifyReport {
  return verifyIn(path.resolve(dir), changes);
}

/** A tree migrated earlier: every file that differs from `base` (a git revision) is a change. */
export function verifyAgainstRevision(dir: string, base = 'HEAD'): VerifyReport {
  const root = path.resolve(dir);
  let changes: ChangedFile[];
  try {
    changes = changesSince(root, base);
  } catch (error) {
    throw new UsageError(ErrorCodes.FORKLIFT_NO_BASE_REVISION, messageOf(error));
  }
  return verifyIn(root, changes);
}
