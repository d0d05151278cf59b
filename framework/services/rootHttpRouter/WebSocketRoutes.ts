import type http from 'http';
import type { Duplex } from 'stream';
import type { LoggerService, RootHttpRouterServiceWebSocketHandler } from '../../api';
import { messageOf } from '../../wiring';

/** Ends an upgrade request with a bare HTTP answer: there is no express response for an upgrade. */
export function refuseUpgrade(socket: Duplex, status: string): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

/**
 * WebSocket upgrades by exact path. Upgrades never pass through express, so this listens on the server's
 * `upgrade` event itself, from the first handler on. An upgrade for no registered path is answered 404, unless
 * something else also listens for upgrades (code that attached its own listener to the server): then it is left
 * to that listener. Upgraded sockets are tracked so that shutdown can end them; a long-lived socket must not keep
 * the process up.
 */
export class WebSocketRoutes {
  readonly #handlers = new Map<string, RootHttpRouterServiceWebSocketHandler['handler']>();
  readonly #sockets = new Set<Duplex>();
  readonly #server: http.Server;
  readonly #logger: LoggerService;
  #state: 'open' | 'draining' | 'stopped' = 'open';

  constructor(server: http.Server, logger: LoggerService) {
    this.#server = server;
    this.#logger = logger;
  }

  add(options: RootHttpRouterServiceWebSocketHandler): void {
    const { path, handler } = (options ?? {}) as Partial<RootHttpRouterServiceWebSocketHandler>;
    if (typeof path !== 'string' || !path.startsWith('/') || /[?#]/.test(path)) {
      throw new TypeError(
        `rootHttpRouter.addWebSocketHandler: path must be an absolute path without query or fragment, e.g. '/ws/updates', got ${JSON.stringify(path)}`,
      );
    }
    if (typeof handler !== 'function') {
      throw new TypeError(`rootHttpRouter.addWebSocketHandler('${path}'): handler must be a function, got ${typeof handler}`);
    }
    if (this.#state === 'stopped') throw new Error(`rootHttpRouter.addWebSocketHandler('${path}'): the backend has shut down`);
    if (this.#handlers.has(path)) throw new Error(`rootHttpRouter.addWebSocketHandler: '${path}' already has a WebSocket handler`);
    if (this.#handlers.size === 0) this.#server.on('upgrade', (request, socket, head) => this.#upgrade(request, socket, head));
    this.#handlers.set(path, handler);
  }

  /** From the drain on, new upgrades are answered 503; open sockets stay until stop(). */
  startDraining(): void {
    if (this.#state === 'open') this.#state = 'draining';
  }

  /** Ends every upgraded socket. */
  stop(): void {
    this.#state = 'stopped';
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }

  #upgrade(request: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = pathOf(request.url);
    const handler = request.headers.upgrade?.toLowerCase() === 'websocket' && path !== undefined ? this.#handlers.get(path) : undefined;
    if (!handler) {
      if (this.#server.listenerCount('upgrade') === 1) refuseUpgrade(socket, '404 Not Found');
      return;
    }
    if (this.#state !== 'open') {
      refuseUpgrade(socket, '503 Service Unavailable');
      return;
    }
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    // A socket error without a listener would crash the process; the handler may add its own.
    socket.on('error', (error) => this.#logger.debug(`WebSocket connection on ${path} failed: ${messageOf(error)}`));
    Promise.resolve()
      .then(() => handler({ request, socket, head }))
      .catch((error) => {
        this.#logger.warn(`WebSocket handler for ${path} failed: ${messageOf(error)}`);
        refuseUpgrade(socket, '500 Internal Server Error');
      });
  }
}

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, 'http://upgrade').pathname;
  } catch {
    return undefined;
  }
}
