import { coreServices, createServiceFactory } from '../../api';
import { pluginBootFailuresServiceRef } from '../../wiring';
import { DefaultRootHealthService } from './DefaultRootHealthService';

export const rootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: { lifecycle: coreServices.rootLifecycle, config: coreServices.rootConfig, bootFailures: pluginBootFailuresServiceRef },
  factory: ({ lifecycle, config, bootFailures }) =>
    new DefaultRootHealthService({
      lifecycle,
      bootFailures,
      failedPluginsMakeUnready: config.getOptionalBoolean('backend.health.failedPluginsMakeUnready') ?? false,
    }),
});
