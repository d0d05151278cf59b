/**
 * `forklift plan`: where each backend package stands (legacy, bridged through `legacyPlugin`, or migrated),
 * where each plugin id stands on its way from legacy to native and what blocks it, and what `migrate` would
 * do, from a dry run. Writes nothing.
 */
import { pluginJourneys, type Blocker, type PluginState } from '../adopt';
import { analyzeRepository, type RepositoryAnalysis } from '../analysis';
import { migrate, UsageError } from '../runner';
import type { MigrateOptions, MigrationReport } from '../runner';
import { ErrorCodes, messageOf } from '../../framework/wiring';

export type PlanStatus = 'legacy' | 'bridged' | 'migrated';

export interface BackendPlan {
  name: string;
  dir: string;
  entry?: string;
  status: PlanStatus;
}

/** One plugin id on its way: `legacy` -> `bridged` -> `ready` -> `native` (see adopt/journey.ts). */
export interface PluginPlan {
  /** Plugin id (the mount path's segment, the bridge's id, or the native plugin's own). */
  id: string;
  status: PluginState;
  /** The package the plugin code comes from, when known. */
  package?: string;
  /** The backend's own plugin file (the bridge's, or the legacy mount's), when there is one. */
  location?: string;
  /** The backend index that mounts or adds it. */
  backend: string;
  /** What stands in the way of `ready` for a bridged plugin; empty otherwise. */
  blockers: Blocker[];
  /** How the status was learned: `mounted at '/todo' by packages/backend/src/index.ts:12`, ... */
  detail: string;
}

export interface MigrationPlan {
  backends: BackendPlan[];
  plugins: PluginPlan[];
  /** The dry run of `forklift migrate`: the files it would change and the manual steps it would leave. */
  migrate: MigrationReport;
}

function backendSources(analysis: RepositoryAnalysis, dir: string): string[] {
  return analysis.files.filter((f) => f.kind === 'source' && (dir === '' || f.path.startsWith(`${dir}/`))).map((f) => f.path);
}

function planBackends(analysis: RepositoryAnalysis, plugins: PluginPlan[]): BackendPlan[] {
  const backends: BackendPlan[] = [];
  for (const pkg of analysis.facts.packages.filter((p) => p.role === 'backend')) {
    const sources = backendSources(analysis, pkg.dir);
    const legacy = analysis.legacyBackendFiles.some((f) => sources.includes(f));
    const isNew = sources.some((file) => /\bcreateBackend\s*\(/.test(analysis.reader.read(file) ?? ''));
    const bridged = plugins.some((p) => sources.includes(p.backend) && (p.status === 'bridged' || p.status === 'ready'));
    const status: PlanStatus = legacy || !isNew ? 'legacy' : bridged ? 'bridged' : 'migrated';
    backends.push({ name: pkg.name, dir: pkg.dir, entry: pkg.entry, status });
  }
  return backends;
}

export async function plan(
  options: Pick<MigrateOptions, 'dir' | 'only' | 'target' | 'transformsModule' | 'workers'>,
): Promise<MigrationPlan> {
  let analysis: RepositoryAnalysis;
  try {
    analysis = analyzeRepository(options.dir);
  } catch (error) {
    throw new UsageError(ErrorCodes.FORKLIFT_ANALYSIS_FAILED, messageOf(error));
  }
  const plugins: PluginPlan[] = pluginJourneys(analysis).map((journey) => ({
    id: journey.id,
    status: journey.state,
    package: journey.package,
    location: journey.bridgeFile,
    backend: journey.backend,
    blockers: journey.blockers,
    detail: journey.detail,
  }));
  const backends = planBackends(analysis, plugins);
  const report = await migrate({ ...options, analysis, dry: true, force: true });
  const changed = report.files.filter((f) => f.status !== 'unmodified');
  return { backends, plugins, migrate: { ...report, files: changed } };
}
