/**
 * Folds a verification into a migration's report: each file with a type error the migration introduced
 * becomes an `error` entry naming the line and the compiler's message, so the run exits 1.
 */
import type { FileReport, MigrationReport } from '../runner/types';
import { summarize } from '../runner/report';
import type { FileDiagnostic, VerifyReport } from './index';

const VERIFY_TRANSFORM = 'verify';

export function describeDiagnostic(d: FileDiagnostic): string {
  return `line ${d.line}: TS${d.code} ${d.message}`;
}

export function withVerification(report: MigrationReport, verification: VerifyReport): MigrationReport {
  const byPath = new Map<string, FileDiagnostic[]>();
  for (const d of verification.introduced) byPath.set(d.path, [...(byPath.get(d.path) ?? []), d]);
  const files: FileReport[] = report.files.map((file) => {
    const introduced = byPath.get(file.path);
    if (!introduced) return file;
    byPath.delete(file.path);
    return errorEntry(file.path, introduced, file.transform);
  });
  for (const [filePath, introduced] of byPath) files.push(errorEntry(filePath, introduced, ''));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ...report, files, summary: summarize(files), verify: verification };
}

function errorEntry(filePath: string, introduced: FileDiagnostic[], transform: string): FileReport {
  return {
    path: filePath,
    status: 'error',
    transform: transform ? `${transform},${VERIFY_TRANSFORM}` : VERIFY_TRANSFORM,
    message: `type errors the migration introduced: ${introduced.map(describeDiagnostic).join('; ')}`,
  };
}

/** The human summary line of a verification. */
export function verifyLine(verification: VerifyReport): string {
  if (!verification.verified) return `Verify: nothing verified: ${verification.reason}`;
  const setup = [verification.compiler, verification.tsconfig ?? 'no tsconfig.json (TypeScript defaults)'].join(', ');
  return (
    `Verify (${setup}): ${verification.checkedFiles.length} files type-checked, ` +
    `${verification.introduced.length} errors introduced by the migration, ${verification.preExisting} pre-existing (not the migration's)`
  );
}
