import { coreServices, createServiceFactory } from '../../api';
import { installedFeaturesServiceRef } from '../../wiring';

/** What this backend runs, as the container collected it (loaders included). */
export const rootInstanceMetadataServiceFactory = createServiceFactory({
  service: coreServices.rootInstanceMetadata,
  deps: { installed: installedFeaturesServiceRef },
  factory: ({ installed }) => ({
    getInstalledPlugins: () => installed.getInstalledPlugins(),
  }),
});
