import type { Handler, RequestHandler } from 'express';
import type { HttpAuthService, HttpRouterService, HttpRouterServiceAuthPolicy, LifecycleService, LoggerService } from '../../api';
import { isPromiseLike, runInPluginScope, type PluginBootFailures } from '../../wiring';
import { answerUnhandledRejection } from './answerUnhandledRejection';
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
  /** The plugins left out at boot; when this one is among them, its routes answer 503 naming it. */
  bootFailures?: PluginBootFailures;
  /** The plugin's logger, for rejections its handlers leave unhandled. */
  logger?: LoggerService;
}

/**
 * One plugin's router. Every request passes the start gate, then the auth barrier, then the plugin's own
 * handlers in the order they were added.
 */
export class DefaultHttpRouterService implements HttpRouterService {
  readonly #chain = new MiddlewareChain();
  readonly #policies: AuthPolicies;
  readonly #pluginId: string;
  readonly #logger?: LoggerService;

  constructor(options: DefaultHttpRouterServiceOptions) {
    this.#pluginId = options.pluginId;
    this.#logger = options.logger;
    this.#policies = new AuthPolicies(options.pluginId);
    const gate = new PluginStartGate({
      pluginId: options.pluginId,
      lifecycle: options.lifecycle,
      startupRequestPauseMs: options.startupRequestPauseMs,
      bootFailures: options.bootFailures,
    });
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

  /**
   * The express handler to mount under the plugin's base path. Each request runs in the plugin's scope: a
   * promise its handlers reject without anyone catching it (an `async` handler in a plain express Router, which
   * express 4 does not watch) is answered with the JSON error body instead of hanging or ending the process.
   */
  handler(): Handler {
    const chain = this.#chain.handler();
    const pluginId = this.#pluginId;
    const logger = this.#logger;
    return (req, res, next) => {
      const scope = { pluginId, logger, onUnhandledRejection: (reason: unknown) => answerUnhandledRejection(res, next, reason) };
      runInPluginScope(scope, () => chain(req, res, next));
    };
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
