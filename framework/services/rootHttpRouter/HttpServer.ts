import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import type { RequestListener } from 'http';
import type { HttpServerOptions } from './readHttpServerOptions';

/** The bound address, known once the server listens (so port 0 works for tests). */
export interface HttpServerAddress {
  host: string;
  port: number;
  /** e.g. `http://127.0.0.1:7007`, usable as a base URL for requests from the same machine. */
  url: string;
}

/** One HTTP(S) server per backend. */
export class HttpServer {
  readonly server: http.Server;
  readonly #options: HttpServerOptions;
  #address?: HttpServerAddress;
  /** Settles once the server has closed, from the first stopAccepting(). */
  #closed?: Promise<void>;

  constructor(listener: RequestListener, options: HttpServerOptions) {
    this.#options = options;
    this.server = options.https
      ? https.createServer({ cert: options.https.certificate.cert, key: options.https.certificate.key }, listener)
      : http.createServer(listener);
  }

  start(): Promise<HttpServerAddress> {
    const { host, port } = this.#options.listen;
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        const where = `${host || '*'}:${port}`;
        const hint = error.code === 'EADDRINUSE' ? ': another process uses it; set backend.listen.port to a free port' : '';
        reject(new Error(`HTTP server could not listen on ${where}${hint} (${error.message})`, { cause: error }));
      };
      this.server.once('error', onError);
      const listening = () => {
        this.server.off('error', onError);
        const bound = this.server.address();
        const boundPort = typeof bound === 'object' && bound ? bound.port : port;
        const urlHost = !host || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
        this.#address = { host, port: boundPort, url: `${this.#options.https ? 'https' : 'http'}://${urlHost}:${boundPort}` };
        resolve(this.#address);
      };
      if (host) this.server.listen(port, host, listening);
      else this.server.listen(port, listening);
    });
  }

  /** The bound address; throws before start(). */
  address(): HttpServerAddress {
    if (!this.#address) throw new Error('The HTTP server is not listening yet: its address is known once the backend has started');
    return this.#address;
  }

  /**
   * Stops accepting connections; open ones stay (the request tracker closes idle keep-alive connections and
   * tells busy ones to close after their response). Idempotent.
   */
  stopAccepting(): void {
    if (this.#closed) return;
    // net.Server's close, not http.Server's: since Node 19 the latter also destroys every connection without a
    // request in progress, including ones whose request is on the wire but not yet read, which resets them.
    this.#closed = new Promise((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
  }

  /**
   * Stops accepting connections and ends every open one. In-flight requests have had their chance during
   * the drain (before-shutdown); a keep-alive socket must not keep the process up.
   */
  async stop(): Promise<void> {
    if (!this.#closed && !this.server.listening) return;
    this.stopAccepting();
    // http.Server's close as well, for its own bookkeeping (the timer that enforces request timeouts).
    this.server.close(() => {});
    this.server.closeAllConnections();
    await this.#closed;
  }
}
