/**
 * A package's native (new-system) plugin, as `forklift plan` and `forklift adopt` need it: the entry to add and
 * the id it registers. Whether a package has one and which id it registers come from isMigratedPackage and
 * nativePluginIdOf, the same facts `migrate` decides its native swaps on.
 */
import { packageOf } from './localPluginFile';
import { nativePluginIdOf } from './nativePluginId';
import { isMigratedPackage, type RepositoryAnalysis } from './repoFacts';

export interface NativePlugin {
  /** The package as `backend.add(import('...'))` names it: the entry that holds the plugin. */
  entry: string;
  /** The id the native plugin registers; undefined when it cannot be read for sure. */
  pluginId?: string;
  /** Read from the repository's sources, or taken from the table of published packages. */
  from: 'repository' | 'published';
}

/** The native plugin `packageName` offers, or undefined when it offers none (or is unknown). */
export function nativePluginOf(analysis: RepositoryAnalysis, packageName: string): NativePlugin | undefined {
  if (!isMigratedPackage(analysis.facts, packageName)) return undefined;
  const local = analysis.facts.packages.some((p) => p.name === packageName);
  return {
    entry: local ? packageName : packageOf(packageName),
    pluginId: nativePluginIdOf(analysis.facts, packageName, (p) => analysis.reader.read(p)),
    from: local ? 'repository' : 'published',
  };
}
