import { Router, type Handler } from 'express';
import type { RootHttpRouterService } from '../../api';

/**
 * The route table behind `rootHttpRouter.use(path, handler)`. Paths never overlap, so the order handlers
 * were added in never decides who answers a request.
 */
export class DefaultRootHttpRouter implements RootHttpRouterService {
  readonly #router = Router();
  readonly #paths: Array<{ path: string; owner: string }> = [];

  /** @param reserved paths served by the server itself (e.g. health), so no one can shadow them. */
  constructor(reserved: string[] = []) {
    for (const path of reserved) this.#paths.push({ path: normalize(path), owner: 'the server itself' });
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
    const clash = this.#paths.find(p => overlaps(p.path, normalized));
    if (clash) {
      const by = clash.owner === 'the server itself' ? ` (reserved by ${clash.owner})` : '';
      throw new Error(
        `rootHttpRouter.use: path '${normalized}' overlaps the already mounted path '${clash.path}'${by}; mounted paths may not be equal or contain one another`,
      );
    }
    this.#paths.push({ path: normalized, owner: 'use' });
    this.#router.use(normalized, handler);
  }

  /** Mounted paths, in the order they were added. */
  paths(): string[] {
    return this.#paths.filter(p => p.owner === 'use').map(p => p.path);
  }

  /** The express handler that dispatches to every mounted path. */
  handler(): Handler {
    return this.#router;
  }
}

function normalize(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
