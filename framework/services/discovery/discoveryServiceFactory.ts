import { coreServices, createServiceFactory } from '../../api';
import { HostDiscovery } from './HostDiscovery';

/** Config is read once per backend (root context); every plugin shares the same resolver. */
export const discoveryServiceFactory = createServiceFactory({
  service: coreServices.discovery,
  deps: { config: coreServices.rootConfig },
  createRootContext({ config }) {
    return HostDiscovery.fromConfig(config);
  },
  factory(_deps, discovery) {
    return discovery;
  },
});
