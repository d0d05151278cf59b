import { coreServices, createServiceFactory, eventsServiceRef, type EventsService, type LoggerService } from '../../api';
import { CrossInstanceEventBus } from './CrossInstanceEventBus';
import { InProcessEventBus } from './InProcessEventBus';
import { readEventsConfig, type EventsConfig } from './readEventsConfig';
import type { EventTransport } from './transports/EventTransport';
import { PostgresTransport } from './transports/PostgresTransport';
import { RedisTransport } from './transports/RedisTransport';

/**
 * Events between plugins: one bus per backend, one service per plugin. With `backend.events.engine` set to
 * `postgres` or `redis` the bus also reaches the other instances of the deployment; its connections close at
 * root shutdown, after the plugins' shutdown hooks.
 */
export const eventsServiceFactory = createServiceFactory({
  service: eventsServiceRef,
  deps: {
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
    rootLifecycle: coreServices.rootLifecycle,
    instance: coreServices.rootInstanceMetadata,
    plugin: coreServices.pluginMetadata,
  },
  createRootContext({ config, rootLogger, rootLifecycle, instance }) {
    const logger = rootLogger.child({ service: 'events' });
    const local = new InProcessEventBus(logger);
    const transport = createTransport(readEventsConfig(config), logger);
    if (!transport) return local;
    const bus = new CrossInstanceEventBus(instance.getId(), local, transport, logger);
    rootLifecycle.addShutdownHook(() => bus.close());
    return bus;
  },
  factory({ plugin }, bus): EventsService {
    const pluginId = plugin.getId();
    return {
      publish: (params) => bus.publish(params),
      async subscribe(options) {
        await bus.subscribe(`${pluginId}.${options?.id}`, options?.topics, options?.onEvent);
      },
    };
  },
});

function createTransport(config: EventsConfig, logger: LoggerService): EventTransport | undefined {
  switch (config.engine) {
    case 'memory':
      return undefined;
    case 'postgres':
      return new PostgresTransport({ ...config, logger });
    case 'redis':
      return new RedisTransport({ ...config, logger });
  }
}
