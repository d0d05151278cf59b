/** The human form of a plan. */
import { colours as pc } from '../runner';
import type { PluginState } from '../adopt';
import { fileLine, renderManualSteps, resultsLine } from '../runner';
import type { MigrationPlan, PlanStatus } from './plan';

const COLOUR: Record<PlanStatus | PluginState, (s: string) => string> = {
  legacy: pc.yellow,
  bridged: pc.cyan,
  ready: pc.magenta,
  migrated: pc.green,
  native: pc.green,
};

/** The plugins part: one line per plugin id, then one indented line per thing that blocks a bridged one. */
export function renderPlugins(plan: Pick<MigrationPlan, 'plugins'>): string[] {
  const lines: string[] = ['Plugins (legacy -> bridged -> ready -> native):'];
  if (plan.plugins.length === 0) lines.push('  (none found)');
  for (const p of plan.plugins) {
    const name = [p.id, p.package].filter(Boolean).join('  ');
    lines.push(`  ${COLOUR[p.status](p.status.padEnd(9))}${name}  ${pc.dim(p.detail)}`);
    for (const blocker of p.blockers) lines.push(`           ${pc.dim('blocked:')} ${blocker.kind}: ${blocker.message}`);
  }
  return lines;
}

export function renderPlan(plan: MigrationPlan): string[] {
  const lines: string[] = ['Backends:'];
  if (plan.backends.length === 0) lines.push('  (none found)');
  for (const b of plan.backends) {
    lines.push(`  ${COLOUR[b.status](b.status.padEnd(9))}${b.name} (${b.dir || '.'})${b.entry ? `  ${b.entry}` : ''}`);
  }
  lines.push('', ...renderPlugins(plan));
  lines.push('', 'forklift migrate would:');
  const files = plan.migrate.files.map(fileLine).filter((l): l is string => l !== undefined);
  lines.push(...(files.length > 0 ? files.map((l) => `  ${l}`) : ['  change nothing']));
  lines.push(...renderManualSteps(plan.migrate), '', resultsLine(plan.migrate.summary));
  return lines;
}
