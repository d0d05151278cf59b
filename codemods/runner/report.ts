/** Builds the report of a run and renders it for people: codemods/README.md (the CLI contract) fixes both shapes. */
import { colours as pc } from './colors';
import type { FileReport, FileStatus, MigrationReport, ReportSummary } from './types';

export function summarize(files: FileReport[]): ReportSummary {
  const summary: ReportSummary = { ok: 0, unmodified: 0, skipped: 0, errors: 0, created: 0, deleted: 0 };
  const key: Record<FileStatus, keyof ReportSummary> = {
    ok: 'ok',
    unmodified: 'unmodified',
    skipped: 'skipped',
    error: 'errors',
    created: 'created',
    deleted: 'deleted',
  };
  for (const file of files) summary[key[file.status]] += 1;
  return summary;
}

export function resultsLine(summary: ReportSummary): string {
  return (
    `Results: ${summary.ok} ok, ${summary.unmodified} unmodified, ${summary.skipped} skipped, ${summary.errors} errors` +
    `, ${summary.created} created, ${summary.deleted} deleted`
  );
}

const LABEL: Record<FileStatus, (s: string) => string> = {
  ok: pc.green,
  created: pc.green,
  deleted: pc.yellow,
  skipped: pc.dim,
  unmodified: pc.dim,
  error: pc.red,
};

/** One line per file worth a person's attention (unmodified files are left out). */
export function fileLine(file: FileReport): string | undefined {
  if (file.status === 'unmodified') return undefined;
  const label = LABEL[file.status](file.status.toUpperCase().padEnd(8));
  const via = file.transform ? pc.dim(` (${file.transform})`) : '';
  return `${label} ${file.path}${via}${file.message ? `: ${file.message}` : ''}`;
}

export function renderManualSteps(report: MigrationReport): string[] {
  if (report.manualSteps.length === 0) return [];
  return [
    '',
    `Manual steps (${report.manualSteps.length}):`,
    ...report.manualSteps.map((step) => `  ${step.path}:${step.line}  ${step.message}`),
  ];
}
