/**
 * `forklift plan`: where each backend package and each plugin stands (legacy, bridged through
 * `legacyPlugin`, or migrated) and what `migrate` would do, from a dry run. Writes nothing.
 */
import path from 'node:path';
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

export interface PluginPlan {
  /** Plugin id (the mount path's segment), when a backend shows it. */
  id?: string;
  /** The package the plugin code comes from, when known. */
  package?: string;
  /** The local plugin file of a backend, or the package folder. */
  location?: string;
  status: PlanStatus;
  /** How the status was learned: `mounted at /todo by packages/backend/src/index.ts`, ... */
  detail: string;
}

export interface MigrationPlan {
  backends: BackendPlan[];
  plugins: PluginPlan[];
  /** The dry run of `forklift migrate`: the files it would change and the manual steps it would leave. */
  migrate: MigrationReport;
}

const LEGACY_PLUGIN_CALL = /legacyPlugin\(\s*['"]([^'"]+)['"]\s*,\s*import\(\s*['"]([^'"]+)['"]\s*\)/g;
const ADD_IMPORT = /\.add\(\s*import\(\s*['"]([^'"]+)['"]\s*\)\s*\)/g;

function backendSources(analysis: RepositoryAnalysis, dir: string): string[] {
  return analysis.files.filter((f) => f.kind === 'source' && (dir === '' || f.path.startsWith(`${dir}/`))).map((f) => f.path);
}

function planBackends(analysis: RepositoryAnalysis, plugins: PluginPlan[]): BackendPlan[] {
  const backends: BackendPlan[] = [];
  for (const pkg of analysis.facts.packages.filter((p) => p.role === 'backend')) {
    const sources = backendSources(analysis, pkg.dir);
    const legacy = analysis.legacyBackendFiles.some((f) => sources.includes(f));
    let bridged = false;
    let isNew = false;
    for (const file of sources) {
      const text = analysis.reader.read(file) ?? '';
      if (!/\bcreateBackend\s*\(/.test(text)) continue;
      isNew = true;
      for (const match of text.matchAll(LEGACY_PLUGIN_CALL)) {
        bridged = true;
        const location = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[2]));
        plugins.push({ id: match[1], location, status: 'bridged', detail: `runs through legacyPlugin in ${file}` });
      }
      for (const match of text.matchAll(ADD_IMPORT)) {
        if (match[1].startsWith('.')) continue;
        plugins.push({
          id: analysis.facts.pluginIdsByPackage[match[1]],
          package: match[1],
          status: 'migrated',
          detail: `added as a new-system plugin in ${file}`,
        });
      }
    }
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
  const plugins: PluginPlan[] = analysis.mounts.map((mount) => ({
    id: mount.pluginId,
    package: mount.packageName,
    location: mount.localPluginFile,
    status: 'legacy',
    detail: `mounted at '${mount.mountPath}' by ${mount.file}:${mount.line}`,
  }));
  const backends = planBackends(analysis, plugins);
  const known = new Set(plugins.map((p) => p.package).filter(Boolean));
  for (const pkg of analysis.facts.packages.filter((p) => p.role === 'backend-plugin' && !known.has(p.name))) {
    plugins.push({
      id: analysis.facts.pluginIdsByPackage[pkg.name],
      package: pkg.name,
      location: pkg.dir,
      status: pkg.migrated ? 'migrated' : 'legacy',
      detail: pkg.migrated ? `${pkg.entry} exports a createBackendPlugin default` : 'exports no new-system plugin yet',
    });
  }
  // A mounted plugin whose package is itself migrated needs no bridge once the backend is migrated.
  for (const plugin of plugins) {
    const pkg = analysis.facts.packages.find((p) => p.name === plugin.package);
    if (plugin.status === 'legacy' && pkg?.migrated) plugin.detail += `; ${pkg.name} already exports a new-system plugin`;
  }
  const report = await migrate({ ...options, analysis, dry: true, force: true });
  const changed = report.files.filter((f) => f.status !== 'unmodified');
  return { backends, plugins, migrate: { ...report, files: changed } };
}
