import { coreServices, createServiceFactory } from '../api';
import type { JsonObject, ServiceFactory } from '../api';
import { defaultServiceFactories } from '../services';
import { ConfigReader } from '../services/rootConfig';
import { createRootHttpRouter } from '../services/rootHttpRouter';
import { mockServices } from './mockServices';

/** What a test backend reads when the test brings no config of its own. */
export const TEST_CONFIG: JsonObject = {
  backend: {
    baseUrl: 'http://127.0.0.1',
    listen: { host: '127.0.0.1', port: 0 },
    database: { client: 'better-sqlite3', connection: ':memory:' },
  },
};

/**
 * The real root HTTP router, but always on 127.0.0.1 and a free port whatever the test's config says, so test
 * backends never collide with each other or with a running backend.
 */
const testRootHttpRouterFactory = createServiceFactory({
  service: coreServices.rootHttpRouter,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
    health: coreServices.rootHealth,
  },
  initialization: 'always',
  factory: ({ config, logger, lifecycle, health }) =>
    createRootHttpRouter({
      config: ConfigReader.fromConfigs([
        { data: (config.getOptional<JsonObject>() ?? {}) as JsonObject, context: 'test config' },
        { data: { backend: { listen: { host: '127.0.0.1', port: 0 } } }, context: 'startTestBackend' },
      ]),
      logger,
      lifecycle,
      health,
    }),
});

/** Every default factory, with the test doubles in place of config, logging and the listening port. */
export function testServiceFactories(): ServiceFactory[] {
  const overrides: ServiceFactory[] = [
    mockServices.rootConfig.factory({ data: TEST_CONFIG }),
    mockServices.rootLogger.factory(),
    testRootHttpRouterFactory,
  ];
  const byId = new Map<string, ServiceFactory[]>();
  for (const factory of defaultServiceFactories) {
    const list = byId.get(factory.service.id) ?? [];
    byId.set(factory.service.id, [...list, factory]);
  }
  for (const factory of overrides) byId.set(factory.service.id, [factory]);
  return [...byId.values()].flat();
}
