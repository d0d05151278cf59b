import type { Handler, RequestHandler } from 'express';
import type {
  AuthService,
  HttpAuthService,
  HttpRouterService,
  HttpRouterServiceAuthPolicy,
  HttpRouterServiceWebSocketHandler,
  LifecycleService,
  LoggerService,
  RootHttpRouterService,
} from '../../api';
import { isPromiseLike, messageOf, runInPluginScope, type PluginBootFailures } from '../../wiring';
import { refuseUpgrade } from '../rootHttpRouter';
import { answerUnhandledRejection } from './answerUnhandledRejection';
import { AuthPolicies } from './AuthPolicies';
import { COOKIE_PATH, createCookieHandler } from './createCookieHandler';
import { jwksRoute } from './jwksRoute';
import { MiddlewareChain } from './MiddlewareChain';
import { PluginStartGate } from './PluginStartGate';
import { webSocketCaller } from './webSocketCredentials';

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
  /** Where WebSocket upgrades are registered (under `/api/<pluginId>`), and who checks their tokens. */
  webSockets?: { rootHttpRouter: RootHttpRouterService; auth: AuthService };
  /** Serves this auth service's public keys at the JWKS route (`backend.auth.pluginTokenSigning: key-pair`). */
  jwksFrom?: AuthService;
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
  readonly #gate: PluginStartGate;
  readonly #options: DefaultHttpRouterServiceOptions;

  constructor(options: DefaultHttpRouterServiceOptions) {
    this.#options = options;
    this.#pluginId = options.pluginId;
    this.#logger = options.logger;
    this.#policies = new AuthPolicies(options.pluginId);
    const gate = new PluginStartGate({
      pluginId: options.pluginId,
      lifecycle: options.lifecycle,
      startupRequestPauseMs: options.startupRequestPauseMs,
      bootFailures: options.bootFailures,
    });
    this.#gate = gate;
    this.#chain.add(gate.middleware());
    this.#chain.add(cookieRoute(createCookieHandler(options.httpAuth)));
    if (options.jwksFrom) this.#chain.add(jwksRoute(options.jwksFrom));
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
   * The upgrade waits at the plugin's start gate, then needs a user or service token unless the route is
   * unauthenticated; refusals are bare HTTP answers (401, 403, 503) since no WebSocket exists yet.
   */
  addWebSocketHandler(options: HttpRouterServiceWebSocketHandler): void {
    const { path, handler, authPolicy } = (options ?? {}) as Partial<HttpRouterServiceWebSocketHandler>;
    const label = `httpRouter.addWebSocketHandler (plugin '${this.#pluginId}')`;
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new TypeError(`${label}: path must be relative to the plugin's base route and start with '/', got ${JSON.stringify(path)}`);
    }
    if (typeof handler !== 'function') throw new TypeError(`${label}: handler must be a function, got ${typeof handler}`);
    if (authPolicy !== undefined && authPolicy !== 'unauthenticated') {
      throw new TypeError(`${label}: authPolicy may only be 'unauthenticated' (or left out), got ${JSON.stringify(authPolicy)}`);
    }
    const webSockets = this.#options.webSockets;
    if (!webSockets) throw new Error(`${label}: this router was made without WebSocket support (no rootHttpRouter and auth given)`);
    const { auth, rootHttpRouter } = webSockets;
    const fullPath = `/api/${this.#pluginId}${path === '/' ? '' : path}`;
    rootHttpRouter.addWebSocketHandler({
      path: fullPath,
      handler: async ({ request, socket, head }) => {
        let caller;
        try {
          await this.#gate.whenUp();
          caller =
            authPolicy === 'unauthenticated'
              ? { credentials: await auth.getNoneCredentials() }
              : await webSocketCaller(auth, request, { disableDefaultAuthPolicy: this.#options.disableDefaultAuthPolicy });
        } catch (error) {
          const status = statusLineFor(error);
          this.#logger?.debug(`WebSocket upgrade on ${fullPath} refused with ${status}: ${messageOf(error)}`);
          refuseUpgrade(socket, status);
          return;
        }
        if (socket.destroyed) return;
        await runInPluginScope({ pluginId: this.#pluginId, logger: this.#logger }, () => handler({ request, socket, head, ...caller }));
      },
    });
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

function statusLineFor(error: unknown): string {
  const name = (error as { name?: unknown })?.name;
  if (name === 'AuthenticationError') return '401 Unauthorized';
  if (name === 'NotAllowedError') return '403 Forbidden';
  if (name === 'ServiceUnavailableError') return '503 Service Unavailable';
  return '500 Internal Server Error';
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
