import { BACKEND_FEATURE_TYPE, BACKEND_FEATURE_VERSION } from '../refs/markers';
import type { ServiceRef } from '../refs/ServiceRef';
import type { ResolvedDeps } from '../refs/ServiceFactory';
import type { BackendFeatureLoader, FeatureLoaderResult } from './types';

export interface CreateBackendFeatureLoaderOptions<TDeps extends { [name: string]: ServiceRef<unknown, 'root'> }> {
  /** Root-scoped services only: loaders run before any plugin exists. */
  deps?: TDeps;
  loader(deps: ResolvedDeps<TDeps>): FeatureLoaderResult;
}

export function createBackendFeatureLoader<TDeps extends { [name: string]: ServiceRef<unknown, 'root'> }>(
  options: CreateBackendFeatureLoaderOptions<TDeps>,
): BackendFeatureLoader {
  const deps = (options.deps ?? {}) as TDeps;
  for (const [name, ref] of Object.entries(deps)) {
    if (ref?.scope !== 'root') {
      throw new TypeError(
        `Feature loader dependency '${name}' is ${String(ref)}, which is plugin-scoped; loaders may only depend on root services`,
      );
    }
  }
  if (typeof options.loader !== 'function') {
    throw new TypeError('createBackendFeatureLoader needs a loader(deps) function');
  }
  const site =
    new Error().stack
      ?.split('\n')[2]
      ?.trim()
      .replace(/^at\s+/, '') ?? 'unknown location';
  return {
    $$type: BACKEND_FEATURE_TYPE,
    version: BACKEND_FEATURE_VERSION,
    featureType: 'loader',
    deps,
    loader: options.loader as BackendFeatureLoader['loader'],
    description: `feature loader created at ${site}`,
  };
}
