/** The human form of an adopt run: one line per plugin, one per file, the refusal reasons, the Results line. */
import { colours as pc } from '../runner';
import { fileLine, renderManualSteps, resultsLine } from '../runner';
import type { AdoptOutcome, AdoptReport } from './adopt';

const LABEL: Record<AdoptOutcome, (s: string) => string> = {
  adopted: pc.green,
  restored: pc.green,
  unchanged: pc.dim,
  refused: pc.red,
};

/** stdout lines; refusals go to stderr, one line per reason (see refusalLines). */
export function renderAdopt(report: AdoptReport, dry: boolean): string[] {
  const lines: string[] = [];
  for (const p of report.plugins) {
    if (p.outcome === 'refused') continue;
    const move = p.from && p.to && p.from !== p.to ? ` (${p.from} -> ${p.to})` : '';
    lines.push(`${LABEL[p.outcome](p.outcome.toUpperCase().padEnd(10))}${p.id}${move}: ${p.reasons.join('; ')}`);
  }
  const files = report.files.map(fileLine).filter((l): l is string => l !== undefined);
  if (files.length > 0) lines.push('', ...files);
  lines.push(...renderManualSteps(report));
  if (dry) lines.push('', 'Dry run: nothing was written.');
  lines.push('', resultsLine(report.summary));
  return lines;
}

export function refusalLines(report: AdoptReport): string[] {
  return report.plugins
    .filter((p) => p.outcome === 'refused')
    .flatMap((p) => p.reasons.map((reason) => `forklift: adopt ${p.id} refused: ${reason}`));
}
