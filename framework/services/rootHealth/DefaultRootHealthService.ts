import type { RootHealthService, RootHealthStatus, RootLifecycleService } from '../../api';
import type { PluginBootFailures } from '../../wiring';

export interface DefaultRootHealthServiceOptions {
  lifecycle: RootLifecycleService;
  /** Plugins left out at boot (`onPluginBootFailure: continue`): both endpoints list them. */
  bootFailures?: PluginBootFailures;
  /** Readiness stays red while any plugin failed to boot (`backend.health.failedPluginsMakeUnready`). */
  failedPluginsMakeUnready?: boolean;
}

/**
 * Liveness is green for as long as the process answers. Readiness turns green once every plugin has
 * started (root startup hooks run after that) and red again at the first sign of shutdown, so a load
 * balancer stops sending traffic while in-flight requests drain. A plugin that failed to boot and was left
 * out is listed in both payloads; it turns readiness red only when configured to.
 */
export class DefaultRootHealthService implements RootHealthService {
  #state: 'starting' | 'running' | 'stopping' = 'starting';
  readonly #options: DefaultRootHealthServiceOptions;

  constructor(options: DefaultRootHealthServiceOptions) {
    this.#options = options;
    options.lifecycle.addStartupHook(() => {
      if (this.#state === 'starting') this.#state = 'running';
    });
    options.lifecycle.addBeforeShutdownHook(() => {
      this.#state = 'stopping';
    });
  }

  async getLiveness(): Promise<RootHealthStatus> {
    return { status: 200, payload: { status: 'ok', ...this.#failedPlugins() } };
  }

  async getReadiness(): Promise<RootHealthStatus> {
    switch (this.#state) {
      case 'running': {
        const failed = this.#failedPlugins();
        if (failed.failedPlugins && this.#options.failedPluginsMakeUnready) {
          const message = `Plugin(s) failed to start: ${failed.failedPlugins.join(', ')} (backend.health.failedPluginsMakeUnready)`;
          return { status: 503, payload: { status: 'error', message, ...failed } };
        }
        return { status: 200, payload: { status: 'ok', ...failed } };
      }
      case 'starting':
        return { status: 503, payload: { status: 'error', message: 'Backend has not started yet' } };
      default:
        return { status: 503, payload: { status: 'error', message: 'Backend is shutting down' } };
    }
  }

  #failedPlugins(): { failedPlugins?: string[] } {
    const failed = this.#options.bootFailures?.list() ?? [];
    return failed.length > 0 ? { failedPlugins: failed } : {};
  }
}
