import { coreServices, createServiceFactory } from '../../api';

/**
 * The plugins of the system. Forklift instances do not announce themselves to each other, so this is the
 * plugins of this instance: right for one instance, a lower bound for a split deployment.
 */
export const rootSystemMetadataServiceFactory = createServiceFactory({
  service: coreServices.rootSystemMetadata,
  deps: { instance: coreServices.rootInstanceMetadata },
  factory: ({ instance }) => ({
    async getInstalledPlugins() {
      return (await instance.getInstalledPlugins()).map(({ pluginId }) => ({ pluginId }));
    },
  }),
});
