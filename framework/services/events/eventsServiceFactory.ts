import { coreServices, createServiceFactory, eventsServiceRef, type EventsService } from '../../api';
import { InProcessEventBus } from './InProcessEventBus';

/** Events between the plugins of this backend instance; one bus per backend, one service per plugin. */
export const eventsServiceFactory = createServiceFactory({
  service: eventsServiceRef,
  deps: { rootLogger: coreServices.rootLogger, plugin: coreServices.pluginMetadata },
  createRootContext({ rootLogger }) {
    return new InProcessEventBus(rootLogger.child({ service: 'events' }));
  },
  factory({ plugin }, bus): EventsService {
    const pluginId = plugin.getId();
    return {
      publish: (params) => bus.publish(params),
      async subscribe(options) {
        bus.subscribe(`${pluginId}.${options?.id}`, options?.topics, options?.onEvent);
      },
    };
  },
});
