/**
 * The facts adopt and plan read, from the folders that own them: the analysis (native plugins, what a bridge
 * file carries) and the catalog-module transform (which modules a plugin file's calls moved to).
 */
import { resolveRelativeImport, type RepositoryAnalysis } from '../analysis';
import { modulesMovedOutOf } from '../transforms/catalogModule';

export { nativePluginOf, readBridgeFile, readLocalPluginFile, resolveRelativeImport, whatNativeWouldLose } from '../analysis';
export type { BridgeFindingKind, LocalPluginFile, LostSettingKind, NativePlugin, RepositoryAnalysis } from '../analysis';
export { parserForPath } from '../transforms/shared/parser';
export { decideNativeSwap } from '../transforms/backendIndex';

/** The modules a bridge file's TODOs say its calls moved to, with their paths in the repository. */
export function modulesMovedOutOfFile(file: string, source: string, analysis: RepositoryAnalysis): Array<{ name: string; path: string }> {
  return modulesMovedOutOf(source).map((m) => ({
    name: m.name,
    path: resolveRelativeImport(file, m.specifier, (p) => analysis.reader.exists(p)) ?? `${m.specifier} (from ${file})`,
  }));
}
