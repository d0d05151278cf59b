import { randomUUID } from 'crypto';
import { coreServices, createServiceFactory } from '../../api';
import { installedFeaturesServiceRef } from '../../wiring';

/**
 * What this backend runs, as the container collected it (loaders included), and who it is: a random UUID made
 * when the backend creates this root service, so it stays the same for the instance's lifetime and is never
 * shared with another instance, not even the same deployment after a restart.
 */
export const rootInstanceMetadataServiceFactory = createServiceFactory({
  service: coreServices.rootInstanceMetadata,
  deps: { installed: installedFeaturesServiceRef },
  factory: ({ installed }) => {
    const id = randomUUID();
    return {
      getId: () => id,
      getInstalledPlugins: () => installed.getInstalledPlugins(),
    };
  },
});
