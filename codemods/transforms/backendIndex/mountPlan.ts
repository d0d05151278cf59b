/**
 * Decides what each plugin mount of a legacy index becomes: a `legacyPlugin(...)`, the package's own
 * new-system plugin (and the local wrapper file goes), nothing at all (health checks), or a TODO.
 */
import { isMigratedPackage, readLocalPluginFile, resolveRelativeImport, type BackendMount, type LocalPluginFile } from '../../analysis';
import { parserForPath } from '../shared/parser';
import type { TransformContext } from '../types';

const HEALTH_NAME = /^health-?check$/i;

export type MountPlan =
  | { kind: 'legacy'; mount: BackendMount; importSource: string }
  | { kind: 'package'; mount: BackendMount; packageName: string; deletePath: string }
  | { kind: 'health'; mount: BackendMount; deletePath?: string }
  | { kind: 'todo'; mount: BackendMount; message: string };

export function planMount(mount: BackendMount, indexPath: string, context: TransformContext, defaultImported: boolean): MountPlan {
  const local = mount.localFile && mount.importSource ? readPluginFile(indexPath, mount.importSource, context) : undefined;

  // A custom `statusCheck` is a probe someone wrote on purpose; only the plain router goes without a word.
  const statusCheckFile = local?.info?.returnsCallOf === 'createStatusCheckRouter' && !/\bstatusCheck\b/.test(local.source);
  if (mount.binding === 'createStatusCheckRouter' || statusCheckFile) {
    return { kind: 'health', mount, deletePath: statusCheckFile ? local?.path : undefined };
  }
  if (HEALTH_NAME.test(mount.pluginId) || HEALTH_NAME.test(mount.binding)) {
    return {
      kind: 'todo',
      mount,
      message:
        `${mount.importSource ?? mount.binding} looks like a health check but does more than a plain createStatusCheckRouter; ` +
        `the new backend serves its own health endpoints, so move anything else it does into a plugin or module, then delete it`,
    };
  }
  const target = `legacyPlugin('${mount.pluginId}', import('${mount.importSource ?? `./plugins/${mount.pluginId}`}'))`;
  if (mount.conditional) {
    return {
      kind: 'todo',
      mount,
      message:
        `the ${mount.pluginId} plugin is mounted only when a condition holds; add it from a createBackendFeatureLoader ` +
        `that reads coreServices.rootConfig and yields ${target} when the condition holds`,
    };
  }
  if (!mount.localFile || !mount.importSource) {
    return {
      kind: 'todo',
      mount,
      message:
        `the ${mount.pluginId} router is built in the index by \`${mount.binding}\` instead of a plugin file under ./plugins; ` +
        `move it into one (export default async function createPlugin(env)) and add it with backend.add(legacyPlugin(...))`,
    };
  }
  if (mount.extraArgs.length > 0) {
    return {
      kind: 'todo',
      mount,
      message:
        `${mount.binding}(...) is called with extra arguments (${mount.extraArgs.join(', ')}) but legacyPlugin passes only the ` +
        `plugin environment; build them inside ${mount.importSource} (or in a backend module), then add backend.add(${target})`,
    };
  }
  if (!defaultImported) {
    return {
      kind: 'todo',
      mount,
      message: `\`${mount.binding}\` is a named import of ${mount.importSource}; legacyPlugin loads the module's default export, so export it as default and add backend.add(${target})`,
    };
  }
  if (local?.info?.passThrough && local.info.calledPackage && isMigrated(local.info.calledPackage, mount.pluginId, context)) {
    return { kind: 'package', mount, packageName: local.info.calledPackage, deletePath: local.path };
  }
  return { kind: 'legacy', mount, importSource: mount.importSource };
}

/**
 * A package of the repository takes its plugin id from this very mount (the plugin-export transform reads
 * it), but a published one has its own: it replaces the mount only when the ids agree, or URLs would move.
 */
function isMigrated(packageName: string, pluginId: string, context: TransformContext): boolean {
  if (!isMigratedPackage(context.facts, packageName)) return false;
  if (context.facts.packages.some((p) => p.name === packageName)) return true;
  return publishedPluginId(packageName) === pluginId;
}

/** `@backstage/plugin-user-settings-backend` -> `user-settings`. */
function publishedPluginId(packageName: string): string {
  return packageName
    .replace(/^@[^/]+\//, '')
    .replace(/^(backstage-)?plugin-/, '')
    .replace(/-backend$/, '');
}

/** The plugin file an index imports, read through the context; no info when it does not parse. */
function readPluginFile(
  indexPath: string,
  importSource: string,
  context: TransformContext,
): { path: string; source: string; info?: LocalPluginFile } | undefined {
  const path = resolveRelativeImport(indexPath, importSource, (p) => context.readFile(p) !== undefined);
  const source = path === undefined ? undefined : context.readFile(path);
  if (path === undefined || source === undefined) return undefined;
  try {
    return { path, source, info: readLocalPluginFile(source, parserForPath(path) ?? 'ts') };
  } catch {
    return { path, source };
  }
}
