import { coreServices, createServiceFactory } from '../../api';
import { createRootHttpRouter, type RootHttpRouterOptions } from './createRootHttpRouter';

/** A root HTTP router factory with options, e.g. `configure` to add middleware before the defaults. */
export function createRootHttpRouterServiceFactory(options: RootHttpRouterOptions = {}) {
  return createServiceFactory({
    service: coreServices.rootHttpRouter,
    deps: {
      config: coreServices.rootConfig,
      logger: coreServices.rootLogger,
      lifecycle: coreServices.rootLifecycle,
      health: coreServices.rootHealth,
    },
    // The server must listen (health checks, held plugin requests) even when no plugin asks for the router.
    initialization: 'always',
    factory: ({ config, logger, lifecycle, health }) =>
      createRootHttpRouter({ config, logger: logger.child({ service: 'rootHttpRouter' }), lifecycle, health }, options),
  });
}

export const rootHttpRouterServiceFactory = createRootHttpRouterServiceFactory();
