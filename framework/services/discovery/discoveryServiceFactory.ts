import { coreServices, createServiceFactory } from '../../api';
import { HostDiscovery } from './HostDiscovery';

/** Config is read once per backend (root context); every plugin shares the same resolver. */
export const discoveryServiceFactory = createServiceFactory({
  service: coreServices.discovery,
  deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
  createRootContext({ config, logger }) {
    return HostDiscovery.fromConfig(config, { logger });
  },
  factory(_deps, discovery) {
    return discovery;
  },
});
