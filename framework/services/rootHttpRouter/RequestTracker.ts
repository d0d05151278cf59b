import type { Request, RequestHandler, Response } from 'express';
import { ServiceUnavailableError } from '../../api';
import type { LoggerService } from '../../api';
import { sendErrorResponse, type ErrorResponseOptions } from './errorResponses';

export interface RequestTrackerOptions extends ErrorResponseOptions {
  /** Receives one debug line per request: method, path, status, duration. */
  requestLogger: LoggerService;
  /** Paths that keep answering while draining (health checks: the load balancer must see readiness go red). */
  alwaysOpenPrefix?: string;
  /**
   * Whether debug lines are wanted, for loggers that cannot say so themselves (no `isLevelEnabled`);
   * default true. The root router derives it from `backend.logging.level` / `LOG_LEVEL`.
   */
  debugWanted?: boolean;
}

/**
 * First middleware of the server: counts in-flight requests, logs each one when it ends, and once draining
 * has begun answers new requests with 503 so in-flight ones can finish. One `close` listener per request
 * serves both the count and the log line, keeping the hot path short.
 */
export class RequestTracker {
  #inFlight = 0;
  #draining = false;
  #idleWaiters: Array<() => void> = [];
  readonly #options: RequestTrackerOptions;

  constructor(options: RequestTrackerOptions) {
    this.#options = options;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get draining(): boolean {
    return this.#draining;
  }

  middleware(): RequestHandler {
    const { requestLogger, alwaysOpenPrefix } = this.#options;
    const debugEnabled = levelCheck(requestLogger, this.#options.debugWanted ?? true);
    const tracker = this;
    // Shared by every request that is not timed: no closure per request when debug lines are off.
    function untimedClose() {
      tracker.#requestDone();
    }
    return (req, res, next) => {
      if (this.#draining && !(alwaysOpenPrefix && req.url.startsWith(alwaysOpenPrefix))) {
        res.setHeader('Connection', 'close');
        sendErrorResponse(req, res, new ServiceUnavailableError('Service is shutting down'), this.#options);
        return;
      }
      this.#inFlight += 1;
      // 'close' fires exactly once per response, also when the client goes away mid-way.
      if (!debugEnabled()) {
        res.on('close', untimedClose);
      } else {
        const start = performance.now();
        res.on('close', () => {
          this.#requestDone();
          logRequest(requestLogger, req, res, performance.now() - start);
        });
      }
      next();
    };
  }

  #requestDone(): void {
    this.#inFlight -= 1;
    if (this.#inFlight === 0 && this.#idleWaiters.length > 0) {
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  /** From now on new requests get 503. */
  startDraining(): void {
    this.#draining = true;
  }

  /** Resolves true when no request is in flight, or false once `timeoutMs` has passed first. */
  waitForIdle(timeoutMs: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#idleWaiters = this.#idleWaiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#idleWaiters.push(wake);
    });
  }
}

/**
 * Whether debug lines would be written. Loggers that answer `isLevelEnabled` (winston's method name) are asked
 * at most once a second, so a level change still shows up quickly while requests skip the timing and the line
 * entirely when debug is off. For other loggers the configured level decides once.
 */
function levelCheck(logger: LoggerService, debugWanted: boolean): () => boolean {
  const l = logger as unknown as { isLevelEnabled?(level: string): boolean };
  if (typeof l.isLevelEnabled !== 'function') return () => debugWanted;
  let enabled = false;
  let checkedAt = -Infinity;
  return () => {
    const now = Date.now();
    if (now - checkedAt > 1000) {
      enabled = l.isLevelEnabled!('debug');
      checkedAt = now;
    }
    return enabled;
  };
}

function logRequest(logger: LoggerService, req: Request, res: Response, durationMs: number): void {
  // The path only: query strings can carry tokens and other values that do not belong in logs.
  const q = req.originalUrl.indexOf('?');
  const path = q < 0 ? req.originalUrl : req.originalUrl.slice(0, q);
  logger.debug(`${req.method} ${path} ${res.statusCode} ${durationMs.toFixed(1)}ms`, {
    method: req.method,
    path,
    status: res.statusCode,
    durationMs,
  });
}
