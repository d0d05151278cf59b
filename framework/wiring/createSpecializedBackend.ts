import type { ServiceFactory, ServiceRef } from '../api';
import { BackendInitializer } from './BackendInitializer';
import { invalidBackendOptions } from './errors';
import { handleProcessSignals } from './processSignals';
import { guardUnhandledRejections } from './rejectionGuard';
import type { Backend } from './types';

export interface CreateSpecializedBackendOptions {
  /** Used for every service that no factory passed to `backend.add()` provides. */
  defaultServiceFactories: ServiceFactory[];
  /** Stop on SIGTERM / SIGINT and exit the process (0, or 1 when shutdown failed). `createBackend()` turns it on. */
  handleProcessSignals?: boolean;
}

/** Access for the test utilities and the container's own tools; plugin code has no use for it. */
export interface BackendInternals {
  /** A root service of this backend (made on demand). */
  getRootService<T>(ref: ServiceRef<T, 'root'>): Promise<T>;
  /** Like stop(), but resolves to the errors of the shutdown hooks that failed. */
  stopAndReport(): Promise<unknown[]>;
}

export function createSpecializedBackendWithInternals(options: CreateSpecializedBackendOptions): {
  backend: Backend;
  internals: BackendInternals;
} {
  if (!options || !Array.isArray(options.defaultServiceFactories)) {
    throw invalidBackendOptions(options);
  }
  const initializer = new BackendInitializer(options.defaultServiceFactories);
  let removeSignalHandlers: (() => void) | undefined;
  let removeRejectionGuard: (() => void) | undefined;
  const stopAndReport = () => {
    removeSignalHandlers?.();
    return initializer.stopAndReport().finally(() => removeRejectionGuard?.());
  };
  const backend: Backend = {
    add: (feature) => initializer.add(feature),
    start: () => {
      // A second start() is refused by the initializer; it must not touch the guards of the first.
      if (removeRejectionGuard) return initializer.start();
      const removeGuard = guardUnhandledRejections(() => initializer.logger);
      removeRejectionGuard = removeGuard;
      const started = initializer.start();
      const removeSignals = options.handleProcessSignals ? handleProcessSignals(stopAndReport, () => initializer.logger) : undefined;
      removeSignalHandlers = removeSignals;
      // A backend that failed to start is not running: it should not hold on to the process signals or swallow
      // rejections. The failure stays with the caller's promise, so an unawaited `backend.start()` still crashes loudly.
      return started.catch((error) => {
        removeSignals?.();
        removeGuard();
        throw error;
      });
    },
    stop: () => stopAndReport().then(() => undefined),
  };
  const internals: BackendInternals = {
    getRootService: (ref) => initializer.registry.get(ref),
    stopAndReport,
  };
  return { backend, internals };
}

/** A backend with the given default service factories; `add`, then `start`, and `stop` when done. */
export function createSpecializedBackend(options: CreateSpecializedBackendOptions): Backend {
  return createSpecializedBackendWithInternals(options).backend;
}
