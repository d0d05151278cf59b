import type { RequestHandler } from 'express';
import type { LifecycleService } from '../../api';
import type { PluginBootFailures } from '../../wiring';
import { expectedUnavailable } from '../rootHttpRouter';

/** How long a request to a plugin that is still starting waits before it gets 503. */
export const DEFAULT_STARTUP_REQUEST_PAUSE_MS = 5_000;

export interface PluginStartGateOptions {
  pluginId: string;
  lifecycle: LifecycleService;
  startupRequestPauseMs: number;
  /** When the plugin is among them (left out under `onPluginBootFailure: continue`), its routes answer 503. */
  bootFailures?: PluginBootFailures;
}

/**
 * The server listens before plugins have started, so a request can arrive early: it is held until the
 * plugin is up (its startup hooks run once every plugin has started), or answered 503 after a short wait.
 * A plugin that failed to start answers 503 naming it, rather than whatever its half-made routes would say.
 */
export class PluginStartGate {
  #state: 'starting' | 'up' | 'failed' | 'down' = 'starting';
  #waiters = new Set<() => void>();
  readonly #pauseMs: number;
  readonly #failedMessage: string;

  constructor(options: PluginStartGateOptions) {
    this.#pauseMs = options.startupRequestPauseMs;
    this.#failedMessage = `Plugin '${options.pluginId}' failed to start; its routes are unavailable until it starts (see the backend's startup log)`;
    options.lifecycle.addStartupHook(() => {
      this.#state = options.bootFailures?.has(options.pluginId) ? 'failed' : 'up';
      this.#wakeAll();
    });
    options.lifecycle.addShutdownHook(() => {
      this.#state = 'down';
      this.#wakeAll();
    });
  }

  middleware(): RequestHandler {
    return (_req, _res, next) => this.#pass(next);
  }

  /** The same gate for what does not go through express (WebSocket upgrades): rejects with the 503 error. */
  whenUp(): Promise<void> {
    return new Promise((resolve, reject) => this.#pass((error) => (error ? reject(error) : resolve())));
  }

  /** Calls `done()` once the plugin is up, or `done(error)` with the 503 to answer. */
  #pass(done: (error?: Error) => void): void {
    if (this.#state === 'up') return done();
    if (this.#state !== 'starting') return this.#refuse(done);
    const timer = setTimeout(() => {
      this.#waiters.delete(wake);
      done(expectedUnavailable('Service has not started up yet'));
    }, this.#pauseMs);
    const wake = () => {
      clearTimeout(timer);
      if (this.#state === 'up') done();
      else this.#refuse(done);
    };
    this.#waiters.add(wake);
  }

  #refuse(next: (error: Error) => void): void {
    next(expectedUnavailable(this.#state === 'failed' ? this.#failedMessage : 'Service is shutting down'));
  }

  #wakeAll() {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}
