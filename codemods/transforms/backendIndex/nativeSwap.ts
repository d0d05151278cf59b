/**
 * The one decision whether a legacy plugin file may be replaced by its package's new-system plugin
 * (`backend.add(import('<package>'))`). Swap only when sure: the package has a new-system plugin, its plugin
 * id equals the mount segment (or the URL moves), and the file configured nothing the native plugin would
 * lose. Otherwise the mount stays on `legacyPlugin`, and when a native plugin exists a manual step names it
 * and what to add. Version facts (which entry holds the plugin at the pinned version) plug in here.
 */
import { describeLoss, isMigratedPackage, nativePluginIdOf, whatNativeWouldLose, type LocalPluginFile } from '../../analysis';
import type { TransformContext } from '../types';

export type SwapDecision =
  | { swap: true; packageName: string }
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
  const lost = whatNativeWouldLose(file, packageName);
  if (lost.length > 0) {
    return {
      swap: false,
      step: `${packageName} has a new-system plugin (backend.add(import('${packageName}'))), but switching to it now would lose ${describeLoss(lost)}; kept on legacyPlugin until that is added`,
    };
  }
  return { swap: true, packageName };
}
