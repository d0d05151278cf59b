/**
 * Decides what each plugin mount of a legacy index becomes: a `legacyPlugin(...)`, the package's own
 * new-system plugin (and the local wrapper file goes), nothing at all (health checks), or a TODO.
 */
import { isMigratedPackage, readLocalPluginFile, resolveRelativeImport, type BackendMount, type LocalPluginFile } from '../../analysis';
import { parserForPath } from '../shared/parser';
import type { TransformContext } from '../types';

export type MountPlan =
  | { kind: 'legacy'; mount: BackendMount; importSource: string }
  | { kind: 'package'; mount: BackendMount; packageName: string; deletePath: string }
  | { kind: 'health'; mount: BackendMount; deletePath?: string }
  | { kind: 'todo'; mount: BackendMount; message: string };

export function planMount(mount: BackendMount, indexPath: string, context: TransformContext, defaultImported: boolean): MountPlan {
  const local = mount.localFile && mount.importSource ? readPluginFile(indexPath, mount.importSource, context) : undefined;

  if (isHealthCheck(mount, local?.info)) {
    const deletable = local && local.info?.returnsCallOf === 'createStatusCheckRouter';
    return { kind: 'health', mount, deletePath: deletable ? local.path : undefined };
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

function isHealthCheck(mount: BackendMount, info: LocalPluginFile | undefined): boolean {
  return (
    mount.binding === 'createStatusCheckRouter' ||
    info?.returnsCallOf === 'createStatusCheckRouter' ||
    /^health-?check$/i.test(mount.pluginId) ||
    /^health-?check$/i.test(mount.binding)
  );
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
  return packageName.replace(/^@[^/]+\//, '').replace(/^(backstage-)?plugin-/, '').replace(/-backend$/, '');
}

/** The plugin file an index imports, read through the context; no info when it does not parse. */
function readPluginFile(indexPath: string, importSource: string, context: TransformContext): { path: string; info?: LocalPluginFile } | undefined {
  const path = resolveRelativeImport(indexPath, importSource, (p) => context.readFile(p) !== undefined);
  const source = path === undefined ? undefined : context.readFile(path);
  if (path === undefined || source === undefined) return undefined;
  try {
    return { path, info: readLocalPluginFile(source, parserForPath(path) ?? 'ts') };
  } catch {
    return { path };
  }
}
