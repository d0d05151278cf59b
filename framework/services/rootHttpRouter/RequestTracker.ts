import type { Socket } from 'net';
import type { Request, RequestHandler, Response } from 'express';
import type { LoggerService } from '../../api';
import { pathOf, sendErrorResponse, type ErrorResponseOptions } from './errorResponses';
import { expectedUnavailable } from './expectedUnavailability';

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
 * First middleware of the server: counts in-flight requests and logs each one when it ends. Shutdown goes
 * through two steps: first every response says `Connection: close` (clients stop reusing their sockets while
 * requests are still served), then draining answers new requests with 503 so in-flight ones can finish.
 * One `close` listener per request serves the count, the open set and the log line, keeping the hot path short.
 */
export class RequestTracker {
  #inFlight = 0;
  #closingConnections = false;
  #draining = false;
  /** Responses in flight, so their connections can be told to close when shutdown begins. */
  readonly #open = new Set<Response>();
  /** Requests in flight per connection that has carried one: those at 0 are idle keep-alive connections. */
  readonly #connections = new Map<Socket, number>();
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
    const requestDone = (res: Response) => this.#requestDone(res);
    // Shared by every request that is not timed: no closure per request when debug lines are off.
    function untimedClose(this: Response) {
      requestDone(this);
    }
    return (req, res, next) => {
      if (this.#closingConnections) res.setHeader('Connection', 'close');
      if (this.#draining && !(alwaysOpenPrefix && req.url.startsWith(alwaysOpenPrefix))) {
        sendErrorResponse(req, res, expectedUnavailable('Service is shutting down'), this.#options);
        return;
      }
      this.#inFlight += 1;
      this.#open.add(res);
      this.#connectionBusy(req.socket);
      // 'close' fires exactly once per response, also when the client goes away mid-way.
      if (!debugEnabled()) {
        res.on('close', untimedClose);
      } else {
        const start = performance.now();
        res.on('close', () => {
          this.#requestDone(res);
          logRequest(requestLogger, req, res, performance.now() - start);
        });
      }
      next();
    };
  }

  #connectionBusy(socket: Socket): void {
    const active = this.#connections.get(socket);
    if (active === undefined) socket.once('close', () => this.#connections.delete(socket));
    this.#connections.set(socket, (active ?? 0) + 1);
  }

  #requestDone(res: Response): void {
    this.#open.delete(res);
    const socket = res.req.socket;
    const active = this.#connections.get(socket);
    if (active !== undefined) this.#connections.set(socket, active - 1);
    this.#inFlight -= 1;
    if (this.#inFlight === 0 && this.#idleWaiters.length > 0) {
      for (const wake of this.#idleWaiters.splice(0)) wake();
    }
  }

  /**
   * From now on every response asks the client to close its connection (`Connection: close`), those in flight
   * included, so keep-alive sockets end after their current request instead of being cut later.
   */
  closeConnectionsAfterResponse(): void {
    this.#closingConnections = true;
    for (const res of this.#open) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
  }

  /**
   * From now on new requests get 503 (with `Connection: close`); in-flight ones finish. Idle keep-alive
   * connections are ended politely (FIN, not reset); a connection that has not sent a request yet is left to
   * send it and get its answer.
   */
  startDraining(): void {
    this.closeConnectionsAfterResponse();
    this.#draining = true;
    for (const [socket, active] of this.#connections) {
      if (active === 0) socket.end();
    }
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
  const path = pathOf(req);
  logger.debug(`${req.method} ${path} ${res.statusCode} ${durationMs.toFixed(1)}ms`, {
    method: req.method,
    path,
    status: res.statusCode,
    durationMs,
  });
}
