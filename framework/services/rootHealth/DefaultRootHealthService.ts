import type { RootHealthService, RootHealthStatus, RootLifecycleService } from '../../api';

/**
 * Liveness is green for as long as the process answers. Readiness turns green once every plugin has
 * started (root startup hooks run after that) and red again at the first sign of shutdown, so a load
 * balancer stops sending traffic while in-flight requests drain.
 */
export class DefaultRootHealthService implements RootHealthService {
  #state: 'starting' | 'running' | 'stopping' = 'starting';

  constructor(options: { lifecycle: RootLifecycleService }) {
    options.lifecycle.addStartupHook(() => {
      if (this.#state === 'starting') this.#state = 'running';
    });
    options.lifecycle.addBeforeShutdownHook(() => {
      this.#state = 'stopping';
    });
  }

  async getLiveness(): Promise<RootHealthStatus> {
    return { status: 200, payload: { status: 'ok' } };
  }

  async getReadiness(): Promise<RootHealthStatus> {
    switch (this.#state) {
      case 'running':
        return { status: 200, payload: { status: 'ok' } };
      case 'starting':
        return { status: 503, payload: { status: 'error', message: 'Backend has not started yet' } };
      default:
        return { status: 503, payload: { status: 'error', message: 'Backend is shutting down' } };
    }
  }
}
