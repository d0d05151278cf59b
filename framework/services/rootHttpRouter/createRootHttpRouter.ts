import { setTimeout as sleep } from 'timers/promises';
import express, { type ErrorRequestHandler, type Express, type Handler, type RequestHandler } from 'express';
import type { Config, LoggerService, RootHealthService, RootHttpRouterService, RootLifecycleService } from '../../api';
import { createHealthRouter, HEALTH_PATH } from '../rootHealth';
import { readDurationMs } from '../durations';
import { DefaultRootHttpRouter } from './DefaultRootHttpRouter';
import { createErrorHandler, createNotFoundHandler } from './errorResponses';
import { HttpServer, type HttpServerAddress } from './HttpServer';
import { readHttpServerOptions } from './readHttpServerOptions';
import { RequestTracker } from './RequestTracker';
import { WebSocketRoutes } from './WebSocketRoutes';

/** How long before-shutdown waits for in-flight requests before the server closes anyway. */
export const DEFAULT_SERVER_SHUTDOWN_TIMEOUT_MS = 10_000;
/** How long requests are still served after readiness turned red; 0 unless a load balancer needs time to notice. */
const DEFAULT_SERVER_SHUTDOWN_DELAY_MS = 0;

export interface RootHttpRouterDeps {
  config: Config;
  logger: LoggerService;
  lifecycle: RootLifecycleService;
  health: RootHealthService;
}

/** What a custom `configure` gets to assemble the express app from. */
export interface RootHttpRouterConfigureContext {
  app: Express;
  server: HttpServer;
  config: Config;
  logger: LoggerService;
  lifecycle: RootLifecycleService;
  /** The pieces `applyDefaults` installs, in its order: tracker, health, routes, notFound, error. */
  middleware: {
    /** Request logging, in-flight counting, `Connection: close` and the 503 gate at shutdown; must come first. */
    tracker: RequestHandler;
    health: Handler;
    notFound: RequestHandler;
    error: ErrorRequestHandler;
  };
  /** Every path mounted with `rootHttpRouter.use`. */
  routes: Handler;
  /** Installs the default middleware chain; call it after adding your own early middleware. */
  applyDefaults(): void;
}

export interface RootHttpRouterOptions {
  /** Assemble the express app yourself (e.g. add CORS or helmet first); defaults to `applyDefaults()`. */
  configure?(context: RootHttpRouterConfigureContext): void;
}

/** The root router instance: the service, plus the server's address for tests and tooling. */
export interface RootHttpRouterImpl extends RootHttpRouterService {
  readonly server: HttpServer;
  address(): HttpServerAddress;
}

/**
 * Builds the express app and starts listening right away, so health checks answer while plugins start;
 * plugin routes hold requests until their plugin is up. Before-shutdown keeps serving for
 * `backend.lifecycle.serverShutdownDelay` (readiness already red, every response `Connection: close`), then
 * drains: the listener closes, idle keep-alive connections close, new requests on open connections get 503 and
 * in-flight ones finish, bounded by `backend.lifecycle.serverShutdownTimeout`. Shutdown closes every remaining
 * connection.
 */
export async function createRootHttpRouter(deps: RootHttpRouterDeps, options: RootHttpRouterOptions = {}): Promise<RootHttpRouterImpl> {
  const { config, logger, lifecycle, health } = deps;
  const serverOptions = readHttpServerOptions(config);
  const shutdownTimeoutMs = readDurationMs(config, 'backend.lifecycle.serverShutdownTimeout', DEFAULT_SERVER_SHUTDOWN_TIMEOUT_MS, {
    allowZero: true,
  });
  const shutdownDelayMs = readDurationMs(config, 'backend.lifecycle.serverShutdownDelay', DEFAULT_SERVER_SHUTDOWN_DELAY_MS, {
    allowZero: true,
  });
  const errorOptions = { showStackTraces: process.env.NODE_ENV === 'development', logger };

  const app = express();
  app.disable('x-powered-by');
  const router = new DefaultRootHttpRouter([HEALTH_PATH]);
  const tracker = new RequestTracker({
    ...errorOptions,
    requestLogger: logger.child({ type: 'incomingRequest' }),
    alwaysOpenPrefix: `${HEALTH_PATH}/`,
    debugWanted: debugLevelConfigured(config),
  });
  const server = new HttpServer(app, serverOptions);
  const webSockets = new WebSocketRoutes(server.server, logger);

  const middleware = {
    tracker: tracker.middleware(),
    health: createHealthRouter(health),
    notFound: createNotFoundHandler(errorOptions),
    error: createErrorHandler(errorOptions),
  };
  let applied = false;
  const applyDefaults = () => {
    if (applied) throw new Error('rootHttpRouter: applyDefaults() was called twice');
    applied = true;
    app.use(middleware.tracker);
    app.use(HEALTH_PATH, middleware.health);
    app.use(router.handler());
    app.use(middleware.notFound);
    app.use(middleware.error);
  };
  const context: RootHttpRouterConfigureContext = {
    app,
    server,
    config,
    logger,
    lifecycle,
    middleware,
    routes: router.handler(),
    applyDefaults,
  };
  if (options.configure) options.configure(context);
  else applyDefaults();

  lifecycle.addBeforeShutdownHook(async () => {
    // Readiness is red from this moment (rootHealth's own hook); a load balancer polling it needs a few polls to
    // stop sending traffic, and until then requests are served as usual.
    if (shutdownDelayMs > 0) {
      tracker.closeConnectionsAfterResponse();
      logger.info(`Shutting down in ${shutdownDelayMs}ms (backend.lifecycle.serverShutdownDelay); still serving requests until then`);
      await sleep(shutdownDelayMs);
    }
    tracker.startDraining();
    webSockets.startDraining();
    server.stopAccepting();
    const pending = tracker.inFlight;
    if (pending > 0) logger.info(`Draining ${pending} in-flight request(s), waiting up to ${shutdownTimeoutMs}ms`);
    const idle = await tracker.waitForIdle(shutdownTimeoutMs);
    if (!idle) {
      logger.warn(
        `${tracker.inFlight} request(s) still in flight after ${shutdownTimeoutMs}ms (backend.lifecycle.serverShutdownTimeout); closing their connections`,
      );
    }
  });
  lifecycle.addShutdownHook(() => {
    webSockets.stop();
    return server.stop();
  });

  const address = await server.start();
  logger.info(`Listening on ${address.url}`);

  return {
    server,
    address: () => server.address(),
    use: (path, handler) => router.use(path, handler),
    addWebSocketHandler: (options) => webSockets.add(options),
  };
}

/** `backend.logging.level` (else `LOG_LEVEL`) at debug or more verbose: the documented switch for debug lines. */
function debugLevelConfigured(config: Config): boolean {
  const level = config.getOptionalString('backend.logging.level') ?? process.env.LOG_LEVEL;
  return level === 'debug' || level === 'silly';
}
