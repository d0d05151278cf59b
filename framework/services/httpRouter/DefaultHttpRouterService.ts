import type { Handler, RequestHandler } from 'express';
import type { HttpAuthService, HttpRouterService, HttpRouterServiceAuthPolicy, LifecycleService } from '../../api';
import { isPromiseLike } from '../../wiring';
import { AuthPolicies } from './AuthPolicies';
import { COOKIE_PATH, createCookieHandler } from './createCookieHandler';
import { MiddlewareChain } from './MiddlewareChain';
import { PluginStartGate } from './PluginStartGate';

export interface DefaultHttpRouterServiceOptions {
  pluginId: string;
  lifecycle: LifecycleService;
  httpAuth: HttpAuthService;
  startupRequestPauseMs: number;
  /** Turns the default deny off for this plugin; see `backend.auth.dangerouslyDisableDefaultAuthPolicy`. */
  disableDefaultAuthPolicy?: boolean;
}

/**
 * One plugin's router. Every request passes the start gate, then the auth barrier, then the plugin's own
 * handlers in the order they were added.
 */
export class DefaultHttpRouterService implements HttpRouterService {
  readonly #chain = new MiddlewareChain();
  readonly #policies: AuthPolicies;
  readonly #pluginId: string;

  constructor(options: DefaultHttpRouterServiceOptions) {
    this.#pluginId = options.pluginId;
    this.#policies = new AuthPolicies(options.pluginId);
    const gate = new PluginStartGate({ lifecycle: options.lifecycle, startupRequestPauseMs: options.startupRequestPauseMs });
    this.#chain.add(gate.middleware());
    this.#chain.add(cookieRoute(createCookieHandler(options.httpAuth)));
    this.#chain.add(this.#policies.middleware(options.httpAuth, { disabled: options.disableDefaultAuthPolicy }));
  }

  use(handler: Handler): void {
    if (typeof handler !== 'function') {
      throw new TypeError(
        `httpRouter.use (plugin '${this.#pluginId}'): the handler must be an express handler or router, got ${typeof handler}`,
      );
    }
    this.#chain.add(catchRejections(handler));
  }

  addAuthPolicy(policy: HttpRouterServiceAuthPolicy): void {
    this.#policies.add(policy);
  }

  /** The express handler to mount under the plugin's base path. */
  handler(): Handler {
    return this.#chain.handler();
  }
}

/**
 * express 4 ignores the promise an async handler returns, so a rejection would leave the request hanging;
 * it is passed on as an error instead (and answered with the JSON error body). Routers return nothing and
 * go through unchanged.
 */
function catchRejections(handler: Handler): Handler {
  if (handler.length > 3) return handler; // an error handler: (err, req, res, next)
  return (req, res, next) => {
    const result = handler(req, res, next) as unknown;
    if (isPromiseLike(result)) result.then(undefined, next);
  };
}

/** `GET` (and `HEAD`) of the cookie path, checked before the auth barrier. */
function cookieRoute(issueCookie: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.path === COOKIE_PATH || req.path === `${COOKIE_PATH}/`)) {
      issueCookie(req, res, next);
    } else {
      next();
    }
  };
}
