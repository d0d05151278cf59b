import { coreServices, createServiceFactory } from '../../api';
import { pluginBootFailuresServiceRef } from '../../wiring';
import { readPluginTokenSigning } from '../auth/pluginKeys';
import { readDurationMs } from '../durations';
import { DefaultHttpRouterService } from './DefaultHttpRouterService';
import { DEFAULT_STARTUP_REQUEST_PAUSE_MS } from './PluginStartGate';

/** Every plugin's routes live under `/api/<pluginId>`. */
export const httpRouterServiceFactory = createServiceFactory({
  service: coreServices.httpRouter,
  deps: {
    plugin: coreServices.pluginMetadata,
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    rootHttpRouter: coreServices.rootHttpRouter,
    httpAuth: coreServices.httpAuth,
    auth: coreServices.auth,
    logger: coreServices.logger,
    bootFailures: pluginBootFailuresServiceRef,
  },
  createRootContext({ config }) {
    return {
      startupRequestPauseMs: readDurationMs(config, 'backend.lifecycle.startupRequestPauseTimeout', DEFAULT_STARTUP_REQUEST_PAUSE_MS, {
        allowZero: true,
      }),
      disableDefaultAuthPolicy: config.getOptionalBoolean('backend.auth.dangerouslyDisableDefaultAuthPolicy') ?? false,
      // Only key-pair signing has public keys to serve; an empty JWKS would claim key-pair tokens this plugin never issues.
      servesJwks: readPluginTokenSigning(config) === 'key-pair',
    };
  },
  factory({ plugin, lifecycle, rootHttpRouter, httpAuth, auth, logger, bootFailures }, { servesJwks, ...context }) {
    const pluginId = plugin.getId();
    const router = new DefaultHttpRouterService({
      pluginId,
      lifecycle,
      httpAuth,
      logger,
      bootFailures,
      webSockets: { rootHttpRouter, auth },
      jwksFrom: servesJwks ? auth : undefined,
      ...context,
    });
    rootHttpRouter.use(`/api/${pluginId}`, router.handler());
    return router;
  },
});
