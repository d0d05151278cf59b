/**
 * Decides what each plugin mount of a legacy index becomes. Every mount is carried or blocked, never dropped:
 * - `legacy`: `legacyPlugin(id, import(...))`, directly or through a small wrapper that calls the factory
 *   exactly as the index did (a named export, extra arguments), with notes for whatever still differs;
 * - `package`: the package's own new-system plugin, when `decideNativeSwap` says nothing is lost;
 * - `health`: a plain status check at the root, which the new backend answers at its own path;
 * - `blocked`: what cannot be carried, and why; the index is then left as it was (or, with `--partial`,
 *   the mount is kept as a commented line under a TODO).
 */
import { readBridgeFile, readLocalPluginFile, resolveRelativeImport, type BackendMount, type LocalPluginFile } from '../../analysis';
import type { ImportFamily } from '../shared/importFamily';
import { parserForPath } from '../shared/parser';
import type { TransformContext } from '../types';
import { decideNativeSwap } from './nativeSwap';
import { mountNotes, type MountNote } from './mountNotes';
import { wrapperArgsOf, type WrapperScope } from './wrapperArgs';

/** How the factory is called inside the wrapper: its parameter and the arguments as the index wrote them. */
export interface FactoryCall {
  /** `default`, or the named export the index imported (`createRouter`). */
  exportName: string;
  /** The wrapper's parameter name (the env variable the index passed). */
  envParam: string;
  /** Every argument, as written, with the env argument replaced by `envParam`; undefined: just the env. */
  args?: string[];
  /** The wrapper declares `const <configVar> = <envParam>.config` first. */
  configVar?: string;
  /** The wrapper's parameter type: the factory's first parameter, or the index's PluginEnvironment. */
  paramType?: 'factory' | 'PluginEnvironment';
}

export type MountPlan =
  | { kind: 'legacy'; mount: BackendMount; importSource: string; call: FactoryCall; notes: MountNote[] }
  /** `specifier`: the entry that exports the new-system plugin at the version the repository uses. */
  | { kind: 'package'; mount: BackendMount; packageName: string; specifier: string; deletePath: string }
  | { kind: 'health'; mount: BackendMount; path: string; source: string }
  | { kind: 'blocked'; mount: BackendMount; message: string };

export interface PlanInput {
  mount: BackendMount;
  indexPath: string;
  context: TransformContext;
  /** The name the index imported the factory under, as exported (`default` for a default import). */
  importedName?: string;
  scope: WrapperScope;
  family: ImportFamily;
  /** Env fields carried plugins will not get (custom fields left under TODOs, declared fields nothing provides). */
  uncarriedEnvFields?: readonly string[];
}

export function planMount({ mount, indexPath, context, importedName, scope, family, uncarriedEnvFields = [] }: PlanInput): MountPlan {
  const local = mount.localFile && mount.importSource ? readPluginFile(indexPath, mount.importSource, context) : undefined;
  const missing = missingEnvFields(local, uncarriedEnvFields);

  // A custom `statusCheck` is a probe someone wrote on purpose; only the plain router is answered by the new backend.
  const statusCheckFile = local?.info?.returnsCallOf === 'createStatusCheckRouter' && !/\bstatusCheck\b/.test(local.source);
  if ((mount.binding === 'createStatusCheckRouter' || statusCheckFile) && (mount.mountPath === '' || mount.mountPath === '/')) {
    const declared = local ? /\bpath:\s*(['"])([^'"]+)\1/.exec(local.source)?.[2] : undefined;
    const source = statusCheckFile ? `${mount.importSource ?? mount.binding} (a plain createStatusCheckRouter)` : `${mount.binding}(...)`;
    return { kind: 'health', mount, path: declared ?? '/healthcheck', source };
  }
  const target = `legacyPlugin('${mount.pluginId}', import('${mount.importSource ?? `./plugins/${mount.pluginId}`}'))`;
  const blocked = (message: string): MountPlan => ({ kind: 'blocked', mount, message });
  if (mount.conditional) {
    return blocked(
      `it is mounted only when a condition holds${mount.helper ? ` (\`${mount.helper}\` with an optional flag)` : ''}; add it from a createBackendFeatureLoader that reads coreServices.rootConfig and yields ${target} when the condition holds`,
    );
  }
  if (mount.inlineFactory || !mount.importSource) {
    return blocked(
      `its router is built in the index${mount.inlineFactory ? '' : ` by \`${mount.binding}\``} instead of an imported plugin file; move it into one (export default async function createPlugin(env)) so legacyPlugin can load it`,
    );
  }
  const exportName = importedName ?? 'default';
  const wrapper = wrapperArgsOf(mount, scope);
  if ('blocker' in wrapper) return blocked(wrapper.blocker);

  if (exportName === 'default' && !wrapper.args && mount.localFile && mount.middleware.length === 0) {
    const decision = decideNativeSwap({ pluginId: mount.pluginId, file: local?.info, context });
    if (decision.swap && local) {
      return { kind: 'package', mount, packageName: decision.packageName, specifier: decision.specifier, deletePath: local.path };
    }
    const notes = mountNotes(mount, family, exportName, wrapper, missing);
    if (!decision.swap && decision.step) notes.push({ shape: decision.step });
    return { kind: 'legacy', mount, importSource: mount.importSource, call: { exportName, ...wrapper }, notes };
  }
  return {
    kind: 'legacy',
    mount,
    importSource: mount.importSource,
    call: { exportName, ...wrapper },
    notes: mountNotes(mount, family, exportName, wrapper, missing),
  };
}

/**
 * The uncarried env fields a mount's plugin file reads (`env.eventBroker`, or destructured); every uncarried field
 * when the file cannot be read, since the factory then gets the whole env and may read any of them.
 */
function missingEnvFields(local: ReturnType<typeof readPluginFile>, uncarried: readonly string[]): string[] {
  if (uncarried.length === 0) return [];
  if (!local) return [...uncarried];
  try {
    const reads = readBridgeFile(local.path, local.source).envFields;
    return uncarried.filter((field) => reads.includes(field));
  } catch {
    return [...uncarried];
  }
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
