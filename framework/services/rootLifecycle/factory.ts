import { coreServices, createServiceFactory } from '../../api';
import { RootLifecycle } from './RootLifecycle';

export const rootLifecycleServiceFactory = createServiceFactory({
  service: coreServices.rootLifecycle,
  deps: { logger: coreServices.rootLogger },
  factory: ({ logger }) => new RootLifecycle(logger),
});
