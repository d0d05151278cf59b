import { createServiceRef } from '../api';
import type { BackendFeatureMeta } from '../api';

/** What `createSpecializedBackend` returns. */
export interface Backend {
  /** Adds a feature, a service factory, a feature loader, or a promise of a module whose default export is one. */
  add(feature: unknown): void;
  start(): Promise<void>;
  /** Runs the shutdown hooks; idempotent, and never throws for a failing hook (those are logged). */
  stop(): Promise<void>;
}

/**
 * The methods the container calls on the root lifecycle service, beyond its public interface.
 * Each runs its hooks, logs any that fail, and returns the errors of those that failed.
 */
export interface RootLifecycleInternals {
  startup(): Promise<unknown[]>;
  beforeShutdown(): Promise<unknown[]>;
  /** Every plugin's shutdown hooks, then the root's own. */
  shutdown(): Promise<unknown[]>;
}

export function hasLifecycleInternals(service: unknown): service is RootLifecycleInternals {
  const s = service as Partial<RootLifecycleInternals> | undefined;
  return typeof s?.startup === 'function' && typeof s.beforeShutdown === 'function' && typeof s.shutdown === 'function';
}

/** The plugins and modules this backend runs; known once every feature (loaders included) has been collected. */
export interface InstalledFeatures {
  getInstalledPlugins(): Promise<ReadonlyArray<BackendFeatureMeta>>;
}

/**
 * Built into the container like pluginMetadata: the rootInstanceMetadata factory depends on it to learn what is
 * installed, and it cannot be overridden.
 */
export const installedFeaturesServiceRef = createServiceRef<InstalledFeatures>({ id: 'forklift.installedFeatures', scope: 'root' });
