/**
 * The one decision whether a legacy plugin file may be replaced by its package's new-system plugin
 * (`backend.add(import('<package>'))`). Swap only when sure: the package has a new-system plugin, its plugin
 * id equals the mount segment (or the URL moves), and the file configured nothing the native plugin would
 * lose. Otherwise the mount stays on `legacyPlugin`, and when a native plugin exists a manual step names it
 * and what to add. For a published package the version the repository resolves decides the entry (root or
 * `/alpha`, from the published-entries data); a pinned version without a new-system plugin stays bridged, with a
 * manual step naming the first version that has one.
 */
import {
  describeLoss,
  describeResolved,
  isMigratedPackage,
  locateExport,
  nativePluginIdOf,
  whatNativeWouldLose,
  type LocalPluginFile,
} from '../../analysis';
import type { TransformContext } from '../types';

export type SwapDecision =
  /** `specifier`: the entry to import the plugin from (`<package>` or `<package>/alpha`). */
  | { swap: true; packageName: string; specifier: string }
  /** `step`: the manual step to leave at the mount, when a native plugin exists but swapping would change behaviour. */
  | { swap: false; step?: string };

export interface SwapInput {
  /** The mount segment the legacy plugin is served under (`/api/<pluginId>`). */
  pluginId: string;
  /** The local plugin file, read; undefined when it could not be read or parsed. */
  file?: LocalPluginFile;
  context: TransformContext;
}

export function decideNativeSwap({ pluginId, file, context }: SwapInput): SwapDecision {
  const packageName = file?.calledPackage;
  if (!file || !packageName || !isMigratedPackage(context.facts, packageName)) return { swap: false };
  const nativeId = nativePluginIdOf(context.facts, packageName, context.readFile);
  if (nativeId === undefined) {
    return {
      swap: false,
      step: `${packageName} has a new-system plugin, but its plugin id could not be read, so switching to it could move /api/${pluginId}; kept on legacyPlugin — switch by hand once you have checked it registers the id '${pluginId}'`,
    };
  }
  if (nativeId !== pluginId) {
    return {
      swap: false,
      step: `${packageName} has a new-system plugin, but it registers the id '${nativeId}' and would serve /api/${nativeId} instead of /api/${pluginId}; kept on legacyPlugin so the URL stays — switch once its callers use /api/${nativeId}`,
    };
  }
  const lost = whatNativeWouldLose(file, packageName, context.facts);
  if (lost.length > 0) {
    return {
      swap: false,
      step: `${packageName} has a new-system plugin (backend.add(import('${packageName}'))), but switching to it now would lose ${describeLoss(lost)}; kept on legacyPlugin until that is added`,
    };
  }
  return publishedEntryDecision(packageName, pluginId, context);
}

/** A package of the repository is imported as it is; a published one from the entry its pinned version has. */
function publishedEntryDecision(packageName: string, pluginId: string, context: TransformContext): SwapDecision {
  if (context.facts.packages.some((p) => p.name === packageName)) return { swap: true, packageName, specifier: packageName };
  const resolved = context.facts.versions?.packages[packageName];
  const location = locateExport(packageName, 'default', resolved?.version);
  if (location.kind === 'found') return { swap: true, packageName, specifier: location.specifier };
  if (location.kind === 'unknown' || !resolved) return { swap: true, packageName, specifier: packageName };
  const subject = `${packageName} ${describeResolved(resolved)} has no new-system plugin, so the ${pluginId} plugin stays bridged`;
  if (!location.minimum) return { swap: false, step: `${subject}; no published version has one yet` };
  const atMinimum = locateExport(packageName, 'default', location.minimum);
  const specifier = atMinimum.kind === 'found' ? atMinimum.specifier : packageName;
  return {
    swap: false,
    step: `${subject}; upgrade it to ${location.minimum} or later, then replace this line with backend.add(import('${specifier}'))`,
  };
}
