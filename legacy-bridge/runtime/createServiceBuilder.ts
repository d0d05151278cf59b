/**
 * `createServiceBuilder(module)` of old backends, served by the framework's root HTTP router: the same
 * request tracking, JSON errors, health endpoints and graceful close as a new backend.
 */
import type http from 'http';
import type { Handler } from 'express';
import type { Config, JsonObject } from '../../framework/api';
import { ConfigReader } from '../../framework/services/rootConfig';
import { createRootHttpRouter } from '../../framework/services/rootHttpRouter';
import { answerUnhandledRejection } from '../../framework/services/httpRouter';
import { guardUnhandledRejections, runInPluginScope } from '../../framework/wiring';
import { DefaultRootHealthService } from '../../framework/services/rootHealth';
import { RootLifecycle } from '../../framework/services/rootLifecycle';
import { closeBackendResources } from './backendResources';
import { legacyRootLoggerService } from './rootLogger';

export interface HttpsSettings {
  certificate: { cert: string; key: string };
}

export interface ServiceBuilder {
  loadConfig(config: Config): ServiceBuilder;
  setPort(port: number): ServiceBuilder;
  setHost(host: string): ServiceBuilder;
  setHttpsSettings(settings: HttpsSettings): ServiceBuilder;
  addRouter(root: string, router: Handler): ServiceBuilder;
  /** Listens and resolves with the server; `server.close()` drains requests and closes every resource. */
  start(): Promise<http.Server>;
}

export function createServiceBuilder(_module: NodeModule): ServiceBuilder {
  let config: Config = new ConfigReader({}, 'createServiceBuilder');
  const overrides: { listen: { port?: number; host?: string }; https?: HttpsSettings } = { listen: {} };
  const routers: Array<{ root: string; router: Handler }> = [];

  const builder: ServiceBuilder = {
    loadConfig(loaded) {
      config = loaded;
      return builder;
    },
    setPort(port) {
      overrides.listen.port = port;
      return builder;
    },
    setHost(host) {
      overrides.listen.host = host;
      return builder;
    },
    setHttpsSettings(settings) {
      overrides.https = settings;
      return builder;
    },
    addRouter(root, router) {
      routers.push({ root: root || '/', router });
      return builder;
    },
    async start() {
      const logger = legacyRootLoggerService();
      const lifecycle = new RootLifecycle(logger);
      const health = new DefaultRootHealthService({ lifecycle });
      const serverConfig = ConfigReader.fromConfigs([
        { data: config.getOptional<JsonObject>() ?? {}, context: 'app-config' },
        {
          data: {
            backend: {
              listen: { ...overrides.listen },
              ...(overrides.https ? { https: { certificate: { ...overrides.https.certificate } } } : {}),
            },
          },
          context: 'createServiceBuilder',
        },
      ]);
      // Old backends died of one rejected promise in any handler; this one answers it and keeps serving.
      const removeRejectionGuard = guardUnhandledRejections(() => logger);
      let closing: Promise<void> | undefined;
      const shutdown = () => {
        closing ??= (async () => {
          process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
          await lifecycle.beforeShutdown();
          await lifecycle.shutdown();
          await closeBackendResources(config);
          removeRejectionGuard();
        })();
        return closing;
      };
      const starting = createRootHttpRouter(
        { config: serverConfig, logger, lifecycle, health },
        {
          configure({ app, middleware }) {
            app.use(middleware.tracker);
            for (const { root: path, router } of routers) {
              app.use(path, (req, res, next) =>
                runInPluginScope({ onUnhandledRejection: (reason) => answerUnhandledRejection(res, next, reason) }, () =>
                  router(req, res, next),
                ),
              );
            }
            app.use(middleware.notFound);
            app.use(middleware.error);
          },
        },
      ).then(async (root) => {
        await lifecycle.startup();
        return root;
      });
      const onSignal = (signal: NodeJS.Signals) => {
        logger.info(`Received ${signal}, shutting down`);
        // A signal during startup waits for it, so the shutdown sees (and stops) everything that started.
        starting
          .catch(() => undefined)
          .then(shutdown)
          .then(
            () => process.exit(0),
            (error) => {
              logger.error('Shutdown failed', error);
              process.exit(1);
            },
          );
      };
      // Old backends died on SIGTERM mid-request; this one drains and closes its databases first. Installed
      // before the server listens: whoever waits for "Listening on" may signal at once, and a signal with no
      // listener kills the process without any of that.
      process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
      const root = await starting.catch((error) => {
        process.off('SIGTERM', onSignal).off('SIGINT', onSignal);
        removeRejectionGuard();
        throw error;
      });

      const server = root.server.server;
      // close() keeps its node signature but runs the whole orderly shutdown first; the shutdown itself
      // ends by closing the listener, which must reach node's own close.
      const closeListener = server.close.bind(server);
      server.close = ((callback?: (error?: Error) => void) => {
        if (closing) {
          return closeListener(callback);
        }
        shutdown().then(
          () => callback?.(),
          (error) => callback?.(error),
        );
        return server;
      }) as typeof server.close;
      return server;
    },
  };
  return builder;
}
