/** The human form of a plan. */
import pc from 'picocolors';
import { fileLine, renderManualSteps, resultsLine } from '../runner';
import type { MigrationPlan, PlanStatus } from './plan';

const COLOUR: Record<PlanStatus, (s: string) => string> = { legacy: pc.yellow, bridged: pc.cyan, migrated: pc.green };

export function renderPlan(plan: MigrationPlan): string[] {
  const lines: string[] = ['Backends:'];
  if (plan.backends.length === 0) lines.push('  (none found)');
  for (const b of plan.backends) {
    lines.push(`  ${COLOUR[b.status](b.status.padEnd(9))}${b.name} (${b.dir || '.'})${b.entry ? `  ${b.entry}` : ''}`);
  }
  lines.push('', 'Plugins:');
  if (plan.plugins.length === 0) lines.push('  (none found)');
  for (const p of plan.plugins) {
    const name = [p.id, p.package].filter(Boolean).join('  ');
    lines.push(`  ${COLOUR[p.status](p.status.padEnd(9))}${name || p.location}  ${pc.dim(p.detail)}`);
  }
  lines.push('', 'forklift migrate would:');
  const files = plan.migrate.files.map(fileLine).filter((l): l is string => l !== undefined);
  lines.push(...(files.length > 0 ? files.map((l) => `  ${l}`) : ['  change nothing']));
  lines.push(...renderManualSteps(plan.migrate), '', resultsLine(plan.migrate.summary));
  return lines;
}
