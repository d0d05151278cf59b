import { createServiceRef } from '../api';

/** The plugins that failed to start and were left out under `onPluginBootFailure: continue`. */
export interface PluginBootFailures {
  /** Whether the plugin failed to start; known before any plugin's startup hooks run. */
  has(pluginId: string): boolean;
  /** The failed plugins' ids, in the order they failed. */
  list(): string[];
}

/** The container's record of plugin boot failures, filled as plugins start. */
export class PluginBootFailureRecord implements PluginBootFailures {
  readonly #failed: string[] = [];

  add(pluginId: string): void {
    if (!this.#failed.includes(pluginId)) this.#failed.push(pluginId);
  }

  has(pluginId: string): boolean {
    return this.#failed.includes(pluginId);
  }

  list(): string[] {
    return [...this.#failed];
  }
}

/**
 * Built into the container like installedFeatures: the HTTP router answers a failed plugin's routes with 503
 * naming it, and the health endpoints report it. It cannot be overridden.
 */
export const pluginBootFailuresServiceRef = createServiceRef<PluginBootFailures>({ id: 'forklift.pluginBootFailures', scope: 'root' });
