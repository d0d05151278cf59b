import type { IncomingMessage } from 'http';
import type { Duplex } from 'stream';
import type { Handler } from 'express';
import type { BackstageCredentials } from './AuthService';

export interface HttpRouterServiceAuthPolicy {
  /** A path relative to the plugin's base route, e.g. `/health` or `/static`. */
  path: string;
  allow: 'unauthenticated' | 'user-cookie';
}

/** What a plugin's WebSocket handler gets: the raw upgrade, and who asked for it. */
export interface HttpRouterServiceWebSocketContext {
  request: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  credentials: BackstageCredentials;
  /** The `Sec-WebSocket-Protocol` value that carried the caller's token, when that is how it came. */
  authProtocol?: string;
}

export interface HttpRouterServiceWebSocketHandler {
  /** An exact path relative to the plugin's base route (`/` for the base itself). */
  path: string;
  /** Owns the socket from here: completes the handshake (e.g. with `ws`'s `handleUpgrade`) or closes it. */
  handler(context: HttpRouterServiceWebSocketContext): void | Promise<void>;
  /** `unauthenticated`: no token is required and the handler does its own checks. Default: a user or service token. */
  authPolicy?: 'unauthenticated';
}

/** A plugin's HTTP routes, mounted under `/api/<pluginId>`. */
export interface HttpRouterService {
  use(handler: Handler): void;
  /** Opens a path to callers without credentials (every other route requires them). */
  addAuthPolicy(policy: HttpRouterServiceAuthPolicy): void;
  /**
   * Takes WebSocket upgrades at one exact path under the plugin's base route (case-sensitive, query ignored). The
   * upgrade waits for the plugin to start and needs a token (`Authorization: Bearer`, or a `Sec-WebSocket-Protocol`
   * value) unless `authPolicy` is `unauthenticated`; express middleware and auth policies do not apply.
   */
  addWebSocketHandler(options: HttpRouterServiceWebSocketHandler): void;
}

export interface RootHttpRouterServiceWebSocketHandler {
  /** An exact absolute path, e.g. `/ws/notifications`. */
  path: string;
  /** Owns the socket from here, authentication and origin checks included. */
  handler(context: { request: IncomingMessage; socket: Duplex; head: Buffer }): void | Promise<void>;
}

/** The backend's HTTP server routes. */
export interface RootHttpRouterService {
  /** Mounts a handler at a path; empty paths and paths overlapping an existing one are rejected. */
  use(path: string, handler: Handler): void;
  /** Takes WebSocket upgrades at one exact absolute path; the handler does all checks itself. */
  addWebSocketHandler(options: RootHttpRouterServiceWebSocketHandler): void;
}
