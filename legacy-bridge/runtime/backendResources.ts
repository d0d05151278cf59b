/**
 * Legacy backends never closed anything. Here every manager made from a config registers its cleanup under
 * that config, and the service builder's server runs them when it closes, so a legacy backend stops cleanly
 * (and several can live in one process, as in tests).
 */
import type { Config, LifecycleService } from '../../framework/api';

type Cleanup = () => void | Promise<void>;

const cleanups = new WeakMap<Config, Cleanup[]>();

export function onBackendClose(config: Config, cleanup: Cleanup): void {
  const list = cleanups.get(config) ?? [];
  list.push(cleanup);
  cleanups.set(config, list);
}

/** Runs every cleanup registered for `config`, newest first; failures are collected, not thrown one by one. */
export async function closeBackendResources(config: Config): Promise<void> {
  const list = cleanups.get(config) ?? [];
  cleanups.delete(config);
  const failures: unknown[] = [];
  for (const cleanup of list.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) {
    throw new AggregateError(failures, `${failures.length} legacy backend resource(s) failed to close`);
  }
}

/** A lifecycle face for framework managers that want shutdown hooks: they run when the backend closes. */
export function closeOnBackendClose(config: Config): LifecycleService {
  return {
    addStartupHook: (hook) => void Promise.resolve().then(hook),
    addShutdownHook: (hook) => onBackendClose(config, hook),
  };
}
