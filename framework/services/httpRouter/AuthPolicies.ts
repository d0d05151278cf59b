import type { RequestHandler } from 'express';
import type { HttpAuthService, HttpRouterServiceAuthPolicy } from '../../api';

/**
 * Default deny: every route of the plugin requires user or service credentials, except below the paths
 * the plugin opened with `addAuthPolicy`. A policy for `/` opens the whole plugin, which is how a legacy
 * plugin that does its own auth (or none) is run unchanged.
 */
export class AuthPolicies {
  readonly #unauthenticated: string[] = [];
  readonly #userCookie: string[] = [];
  readonly #pluginId: string;

  constructor(pluginId: string) {
    this.#pluginId = pluginId;
  }

  add(policy: HttpRouterServiceAuthPolicy): void {
    const { path, allow } = (policy ?? {}) as Partial<HttpRouterServiceAuthPolicy>;
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(
        `httpRouter.addAuthPolicy (plugin '${this.#pluginId}'): path must be relative to the plugin's base route and start with '/', got ${JSON.stringify(path)}`,
      );
    }
    const normalized = path.replace(/\/+$/, '') || '/';
    if (allow === 'unauthenticated') this.#unauthenticated.push(normalized);
    else if (allow === 'user-cookie') this.#userCookie.push(normalized);
    else {
      throw new TypeError(
        `httpRouter.addAuthPolicy (plugin '${this.#pluginId}'): allow must be 'unauthenticated' or 'user-cookie', got ${JSON.stringify(allow)}`,
      );
    }
  }

  /** The barrier middleware; `disabled` turns the default deny off (backend.auth.dangerouslyDisableDefaultAuthPolicy). */
  middleware(httpAuth: HttpAuthService, options: { disabled?: boolean } = {}): RequestHandler {
    if (options.disabled) return (_req, _res, next) => next();
    return (req, _res, next) => {
      const path = req.path;
      if (covers(this.#unauthenticated, path)) return next();
      const allowLimitedAccess = covers(this.#userCookie, path);
      httpAuth.credentials(req, { allow: ['user', 'service'], allowLimitedAccess }).then(() => next(), next);
    };
  }
}

function covers(prefixes: string[], path: string): boolean {
  for (const prefix of prefixes) {
    if (prefix === '/' || path === prefix || path.startsWith(`${prefix}/`)) return true;
  }
  return false;
}
