import { defaultServiceFactories } from './services';
import { createSpecializedBackend, type Backend } from './wiring';

/**
 * A backend with every default core service. It stops on SIGTERM / SIGINT and exits 0 (1 when a shutdown hook
 * failed); the handlers are removed again when the backend stops.
 */
export function createBackend(): Backend {
  return createSpecializedBackend({ defaultServiceFactories, handleProcessSignals: true });
}
