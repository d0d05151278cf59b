/**
 * Where each plugin stands on its way from the legacy backend to its native form, one entry per plugin id:
 *
 *   legacy   mounted by a legacy index (`apiRouter.use('/todo', ...)`): `forklift migrate` is the next step
 *   bridged  added through `legacyPlugin(...)`, with what stands in the way of its native plugin
 *   ready    bridged, and a native plugin with the same id exists that the bridge file passes nothing it would lose
 *   native   the index adds the native plugin
 */
import {
  decideNativeSwap,
  modulesMovedOutOfFile,
  parserForPath,
  readLocalPluginFile,
  whatNativeWouldLose,
  type LocalPluginFile,
  type LostSettingKind,
  nativePluginOf,
  readBridgeFile,
  resolveRelativeImport,
  type BridgeFindingKind,
  type NativePlugin,
  type RepositoryAnalysis,
} from './facts';
import { BACKEND_CODE, LEGACY_AUTH_MODULE, readBackendLines, type BackendLine } from './backendLines';
import { messageOf } from '../../framework/wiring';

export type PluginState = 'legacy' | 'bridged' | 'ready' | 'native';

const BRIDGE_FINDINGS: ReadonlySet<string> = new Set<BridgeFindingKind>([
  'extra-arguments',
  'custom-env-fields',
  'options',
  'side-effects',
]);

export type BlockerKind = BridgeFindingKind | 'no-native-plugin' | 'id-mismatch' | 'modules-needed' | 'unreadable';

export interface Blocker {
  kind: BlockerKind;
  message: string;
}

export interface PluginJourney {
  id: string;
  state: PluginState;
  /** The backend index file that mounts or adds the plugin. */
  backend: string;
  /** The package the plugin code comes from, when known. */
  package?: string;
  /** The backend's own plugin file the bridge loads (`packages/backend/src/plugins/todo.ts`). */
  bridgeFile?: string;
  /** The native plugin, when one is known (for `ready` and `native`). */
  native?: NativePlugin;
  /** What stands in the way of `ready`, for a bridged plugin; empty otherwise. */
  blockers: Blocker[];
  /** How the state was learned, for people. */
  detail: string;
}

/** The line of the index a bridged or native plugin stands on, for commands that edit it. */
export interface LocatedJourney extends PluginJourney {
  line?: BackendLine;
  /** `backend.add(legacyAuthModule('<id>'))` for a native plugin, when the index has it. */
  authLine?: BackendLine;
}

function legacyJourneys(analysis: RepositoryAnalysis): LocatedJourney[] {
  return analysis.mounts.map((mount) => ({
    id: mount.pluginId,
    state: 'legacy',
    backend: mount.file,
    package: mount.packageName,
    bridgeFile: mount.localPluginFile,
    blockers: [],
    detail: `mounted at '${mount.mountPath}' by ${mount.file}:${mount.line}; forklift migrate bridges it`,
  }));
}

/** The files of backend packages that build a new-system backend. */
function newBackendFiles(analysis: RepositoryAnalysis): string[] {
  const backends = analysis.facts.packages.filter((p) => p.role === 'backend');
  return analysis.files
    .filter((f) => f.kind === 'source' && backends.some((b) => b.dir === '' || f.path.startsWith(`${b.dir}/`)))
    .map((f) => f.path)
    .filter((file) => !analysis.legacyBackendFiles.includes(file) && BACKEND_CODE.test(analysis.reader.read(file) ?? ''));
}

/** The blocker each kind of loss is (nativeLoss's kinds): builder calls and dropped defaults need modules. */
const BLOCKER_OF_LOSS: Record<LostSettingKind, BlockerKind> = {
  option: 'options',
  'builder-call': 'modules-needed',
  // A default the legacy createRouter applied itself (the auth plugin's sign-in providers) comes back as modules.
  implicit: 'modules-needed',
  code: 'side-effects',
};

/**
 * What the native plugin would lose (whatNativeWouldLose, the rules migrate swaps on, with the repository's facts
 * so remedies name what it configures), as blockers: configured options, builder calls and dropped defaults (each
 * needs a module), and other code when nothing more precise was said about it.
 */
function lostSettings(
  analysis: RepositoryAnalysis,
  file: string,
  source: string,
  calledPackage: string | undefined,
  found: readonly Blocker[],
): Blocker[] {
  if (!calledPackage) return [];
  let local: LocalPluginFile;
  try {
    local = readLocalPluginFile(source, parserForPath(file) ?? 'ts');
  } catch {
    return [];
  }
  return whatNativeWouldLose(local, calledPackage, analysis.facts).flatMap((lost): Blocker[] => {
    const message = `${lost.what} would be lost: ${lost.remedy}`;
    // The generic "does more than forward its env": said more precisely by the bridge file's own findings, if any.
    if (lost.kind === 'code' && found.some((b) => BRIDGE_FINDINGS.has(b.kind))) return [];
    return [{ kind: BLOCKER_OF_LOSS[lost.kind], message }];
  });
}

/** What keeps a bridged plugin from its native form; empty when it is ready. */
function blockersOf(
  analysis: RepositoryAnalysis,
  id: string,
  bridgeFile: string | undefined,
  source: string | undefined,
  addedModules: ReadonlySet<string>,
): { blockers: Blocker[]; package?: string; native?: NativePlugin } {
  if (!bridgeFile || source === undefined) {
    return { blockers: [{ kind: 'unreadable', message: 'its plugin file cannot be found' }] };
  }
  let bridge;
  try {
    bridge = readBridgeFile(bridgeFile, source);
  } catch (error) {
    return { blockers: [{ kind: 'unreadable', message: `${bridgeFile} does not parse (${messageOf(error).split('\n')[0]})` }] };
  }
  const blockers: Blocker[] = [];
  const native = bridge.calledPackage ? nativePluginOf(analysis, bridge.calledPackage) : undefined;
  if (!bridge.calledPackage) {
    blockers.push({
      kind: 'no-native-plugin',
      message: `${bridgeFile} calls no plugin package, so there is no native plugin to switch to`,
    });
  } else if (!native) {
    blockers.push({
      kind: 'no-native-plugin',
      message: `${bridge.calledPackage} has no native plugin (no createBackendPlugin as its default export); write one (forklift migrate does for packages that export createRouter)`,
    });
  } else if (native.pluginId === undefined) {
    blockers.push({
      kind: 'id-mismatch',
      message: `the native plugin of ${native.entry} does not spell out its pluginId, so forklift cannot check it matches '${id}'`,
    });
  } else if (native.pluginId !== id) {
    blockers.push({
      kind: 'id-mismatch',
      message: `the native plugin of ${native.entry} has id '${native.pluginId}' but the bridge serves it as '${id}': its URL would move from /api/${id} to /api/${native.pluginId}`,
    });
  }
  blockers.push(...bridge.findings);
  blockers.push(...lostSettings(analysis, bridgeFile, source, bridge.calledPackage, blockers));
  const modules = modulesMovedOutOfFile(bridgeFile, source, analysis).filter((m) => !addedModules.has(m.path));
  if (modules.length > 0) {
    blockers.push({
      kind: 'modules-needed',
      message: `it needs the module${modules.length > 1 ? 's' : ''} ${modules.map((m) => `${m.name} (${m.path})`).join(', ')}; add ${modules.length > 1 ? 'them' : 'it'} with the native plugin by hand`,
    });
  }
  if (blockers.length > 0 || !native) return { blockers, package: bridge.calledPackage, native };
  return { package: bridge.calledPackage, ...finalSay(analysis, id, bridgeFile, source, native) };
}

/**
 * The shared native-swap decision has the last word and names the entry: for a published package, the one
 * (root or `/alpha`) its pinned version has, or none when that version has no native plugin yet.
 */
function finalSay(
  analysis: RepositoryAnalysis,
  id: string,
  bridgeFile: string,
  source: string,
  native: NativePlugin,
): { blockers: Blocker[]; native: NativePlugin } {
  const decision = decideNativeSwap({
    pluginId: id,
    file: readLocalPluginFile(source, parserForPath(bridgeFile) ?? 'ts'),
    context: { root: analysis.root, facts: analysis.facts, readFile: (p) => analysis.reader.read(p) },
  });
  if (decision.swap) return { blockers: [], native: { ...native, entry: decision.specifier } };
  const message = decision.step ?? `${native.entry}'s native plugin cannot replace the bridge`;
  return { blockers: [{ kind: 'no-native-plugin', message }], native };
}

function journeysOfIndex(analysis: RepositoryAnalysis, file: string): LocatedJourney[] {
  const source = analysis.reader.read(file) ?? '';
  let lines: BackendLine[];
  try {
    lines = readBackendLines(file, source).lines;
  } catch {
    return []; // The runner reports files that do not parse; there is no plan to read from them.
  }
  const journeys: LocatedJourney[] = [];
  const addedModules = new Set(
    lines.flatMap((l) => (l.kind === 'module' ? [resolveRelativeImport(file, l.specifier, (p) => analysis.reader.exists(p)) ?? ''] : [])),
  );
  const authLines = lines.filter((l): l is Extract<BackendLine, { kind: 'auth' }> => l.kind === 'auth');
  for (const line of lines) {
    if (line.kind === 'bridge') {
      const bridgeFile = resolveRelativeImport(file, line.specifier, (p) => analysis.reader.exists(p));
      const found = blockersOf(
        analysis,
        line.pluginId,
        bridgeFile,
        bridgeFile ? analysis.reader.read(bridgeFile) : undefined,
        addedModules,
      );
      const ready = found.blockers.length === 0;
      journeys.push({
        id: line.pluginId,
        state: ready ? 'ready' : 'bridged',
        backend: file,
        package: found.package,
        bridgeFile,
        native: found.native,
        blockers: found.blockers,
        detail: ready
          ? `runs through ${line.factory} (${file}:${line.line}); the native plugin of ${found.native!.entry} has the same id: forklift adopt ${line.pluginId}`
          : `runs through ${line.factory} (${file}:${line.line})`,
        line,
      });
    } else if (line.kind === 'native') {
      const native = nativePluginOf(analysis, line.specifier);
      const local = analysis.facts.packages.find((p) => p.name === line.specifier);
      if (local?.role === 'backend-plugin-module' || /-backend-module-/.test(line.specifier)) continue;
      const id = native?.pluginId ?? analysis.facts.pluginIdsByPackage[line.specifier];
      if (!id) continue;
      const authLine = authLines.find((a) => a.pluginId === id);
      journeys.push({
        id,
        state: 'native',
        backend: file,
        package: line.specifier,
        native,
        blockers: [],
        detail:
          `added as a native plugin in ${file}:${line.line}` +
          (authLine ? `; ${LEGACY_AUTH_MODULE} keeps its routes open while backend.legacy.auth is open` : ''),
        line,
        authLine,
      });
    }
  }
  return journeys;
}

/** Every plugin of every backend of the repository, in the order the backends name them. */
export function pluginJourneys(analysis: RepositoryAnalysis): LocatedJourney[] {
  return [...legacyJourneys(analysis), ...newBackendFiles(analysis).flatMap((file) => journeysOfIndex(analysis, file))];
}
