import { coreServices, createServiceFactory } from '../../api';
import { DefaultRootHealthService } from './DefaultRootHealthService';

export const rootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: { lifecycle: coreServices.rootLifecycle },
  factory: ({ lifecycle }) => new DefaultRootHealthService({ lifecycle }),
});
