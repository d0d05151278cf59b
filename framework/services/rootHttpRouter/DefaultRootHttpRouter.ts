import type { Handler, NextFunction, Request, Response } from 'express';
import type { RootHttpRouterService } from '../../api';

interface Mount {
  path: string;
  /** Matches the mount path as express does: case-insensitive, ending at a `/` or the end of the path. */
  pattern: RegExp;
  handler: Handler;
}

/**
 * The route table behind `rootHttpRouter.use(path, handler)`. Paths never overlap, so at most one mount
 * matches a request and the order of `use` calls never decides who answers. (WebSocket upgrades never come
 * here: they bypass express, see WebSocketRoutes.)
 *
 * Dispatch is done here rather than by a nested express Router: every request of every plugin passes this
 * point, and a disjoint prefix table needs neither a layer stack nor its per-request bookkeeping. Mounting
 * follows express's rules (prefix stripped from `req.url`, added to `req.baseUrl`, both restored when the
 * handler passes the request on), so handlers cannot tell the difference.
 */
export class DefaultRootHttpRouter implements Pick<RootHttpRouterService, 'use'> {
  readonly #mounts: Mount[] = [];
  readonly #reserved: string[] = [];

  /** @param reserved paths served by the server itself (e.g. health), so no one can shadow them. */
  constructor(reserved: string[] = []) {
    for (const path of reserved) this.#reserved.push(normalize(path));
  }

  use(path: string, handler: Handler): void {
    if (typeof path !== 'string' || path.trim() === '' || path.trim() === '/') {
      throw new TypeError(
        `rootHttpRouter.use: the path may not be empty or '/', got ${JSON.stringify(path)}; mount under a prefix such as '/api/my-plugin'`,
      );
    }
    if (!path.startsWith('/')) {
      throw new TypeError(`rootHttpRouter.use: the path '${path}' must start with '/', e.g. '/${path}'`);
    }
    if (typeof handler !== 'function') {
      throw new TypeError(`rootHttpRouter.use('${path}'): the handler must be an express handler or router, got ${typeof handler}`);
    }
    const normalized = normalize(path);
    const reserved = this.#reserved.find((p) => overlaps(p, normalized));
    if (reserved) {
      throw new Error(
        `rootHttpRouter.use: path '${normalized}' overlaps the already mounted path '${reserved}' (reserved by the server itself); mounted paths may not be equal or contain one another`,
      );
    }
    const clash = this.#mounts.find((m) => overlaps(m.path, normalized));
    if (clash) {
      throw new Error(
        `rootHttpRouter.use: path '${normalized}' overlaps the already mounted path '${clash.path}'; mounted paths may not be equal or contain one another`,
      );
    }
    this.#mounts.push({ path: normalized, pattern: new RegExp(`^${escapeRegExp(normalized)}(?=/|$)`, 'i'), handler });
  }

  /** Mounted paths, in the order they were added. */
  paths(): string[] {
    return this.#mounts.map((m) => m.path);
  }

  /** The express handler that dispatches to every mounted path. */
  handler(): Handler {
    const mounts = this.#mounts;
    return (req: Request, res: Response, next: NextFunction) => {
      const url = req.url;
      const protohost = url[0] === '/' ? '' : protohostOf(url);
      const q = url.indexOf('?');
      const path = (q < 0 ? url : url.slice(0, q)).slice(protohost.length);
      for (let i = 0; i < mounts.length; i++) {
        const mount = mounts[i];
        if (!mount.pattern.test(path)) continue;
        dispatch(mount, req, res, next, url, protohost, path.slice(0, mount.path.length));
        return;
      }
      next();
    };
  }
}

interface Mounted {
  req: Request;
  next: NextFunction;
  protohost: string;
  removed: string;
  parentBaseUrl: string;
  slashAdded: boolean;
  left: boolean;
}

function dispatch(mount: Mount, req: Request, res: Response, next: NextFunction, url: string, protohost: string, removed: string) {
  let rest = url.slice(protohost.length + removed.length);
  const slashAdded = !protohost && rest[0] !== '/';
  if (slashAdded) rest = `/${rest}`;
  const state: Mounted = { req, next, protohost, removed, parentBaseUrl: req.baseUrl, slashAdded, left: false };
  req.url = protohost + rest;
  req.baseUrl = state.parentBaseUrl + removed;
  try {
    mount.handler(req, res, (err) => leave(state, err));
  } catch (error) {
    leave(state, error);
  }
}

/** Undoes the mount (as express does when a handler calls `next`) and passes the request on, once. */
function leave(state: Mounted, err?: unknown) {
  if (state.left) return;
  state.left = true;
  const { req, protohost, removed } = state;
  const current = state.slashAdded ? req.url.slice(1) : req.url;
  req.url = protohost + removed + current.slice(protohost.length);
  req.baseUrl = state.parentBaseUrl;
  state.next(err);
}

/** `http://host` of an absolute-form request target (`GET http://host/path`), kept in front as express does. */
function protohostOf(url: string): string {
  const q = url.indexOf('?');
  const scheme = url.slice(0, q < 0 ? url.length : q).indexOf('://');
  return scheme === -1 ? '' : url.substring(0, url.indexOf('/', 3 + scheme));
}

function normalize(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function overlaps(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.startsWith(`${y}/`) || y.startsWith(`${x}/`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
