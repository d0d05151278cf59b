import { AsyncLocalStorage } from 'async_hooks';
import type { LoggerService } from '../api';

/**
 * Which plugin the running code belongs to, carried along every callback, timer and promise it starts. The
 * container enters a scope around each plugin's (and module's) init, and the HTTP layer around each request it
 * hands to a plugin, so a promise rejection nobody handled can still be blamed on its plugin and, when it
 * happened during a request, answered instead of leaving the caller hanging.
 */
export interface PluginScope {
  /** Unset for a request of the legacy runtime (`createServiceBuilder`), which knows no plugins. */
  pluginId?: string;
  /** Where lines about this scope go; the backend's root logger when unset. */
  logger?: LoggerService;
  /**
   * Called with a rejection that nobody handled inside this scope (the request's answer, typically);
   * returns a short description of what was done about it, for the log line.
   */
  onUnhandledRejection?(reason: unknown): string | undefined;
}

const storage = new AsyncLocalStorage<PluginScope>();

export function runInPluginScope<T>(scope: PluginScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the code running now, if any. */
export function currentPluginScope(): PluginScope | undefined {
  return storage.getStore();
}
