import type { Handler } from 'express';

export interface HttpRouterServiceAuthPolicy {
  /** A path relative to the plugin's base route, e.g. `/health` or `/static`. */
  path: string;
  allow: 'unauthenticated' | 'user-cookie';
}

/** A plugin's HTTP routes, mounted under `/api/<pluginId>`. */
export interface HttpRouterService {
  use(handler: Handler): void;
  /** Opens a path to callers without credentials (every other route requires them). */
  addAuthPolicy(policy: HttpRouterServiceAuthPolicy): void;
}

/** The backend's HTTP server routes. */
export interface RootHttpRouterService {
  /** Mounts a handler at a path; empty paths and paths overlapping an existing one are rejected. */
  use(path: string, handler: Handler): void;
}
