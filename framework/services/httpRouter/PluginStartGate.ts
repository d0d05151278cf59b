import type { RequestHandler } from 'express';
import { ServiceUnavailableError, type LifecycleService } from '../../api';

/** How long a request to a plugin that is still starting waits before it gets 503. */
export const DEFAULT_STARTUP_REQUEST_PAUSE_MS = 5_000;

/**
 * The server listens before plugins have started, so a request can arrive early: it is held until the
 * plugin is up (its startup hooks run once every plugin has started), or answered 503 after a short wait.
 */
export class PluginStartGate {
  #state: 'starting' | 'up' | 'down' = 'starting';
  #waiters = new Set<() => void>();
  readonly #pauseMs: number;

  constructor(options: { lifecycle: LifecycleService; startupRequestPauseMs: number }) {
    this.#pauseMs = options.startupRequestPauseMs;
    options.lifecycle.addStartupHook(() => {
      this.#state = 'up';
      this.#wakeAll();
    });
    options.lifecycle.addShutdownHook(() => {
      this.#state = 'down';
      this.#wakeAll();
    });
  }

  middleware(): RequestHandler {
    return (_req, _res, next) => {
      if (this.#state === 'up') return next();
      if (this.#state === 'down') return next(new ServiceUnavailableError('Service is shutting down'));
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        next(new ServiceUnavailableError('Service has not started up yet'));
      }, this.#pauseMs);
      const wake = () => {
        clearTimeout(timer);
        if (this.#state === 'up') next();
        else next(new ServiceUnavailableError('Service is shutting down'));
      };
      this.#waiters.add(wake);
    };
  }

  #wakeAll() {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}
