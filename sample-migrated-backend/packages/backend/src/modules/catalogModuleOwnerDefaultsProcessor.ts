import { createBackendModule } from 'forklift/framework';
import { catalogProcessingExtensionPoint } from '@internal/plugin-catalog-backend';
import { OwnerDefaultsProcessor } from '../processors/OwnerDefaultsProcessor';

export const catalogModuleOwnerDefaultsProcessor = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'owner-defaults-processor',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog }) {
        catalog.addProcessor(new OwnerDefaultsProcessor());
      },
    });
  },
});

export default catalogModuleOwnerDefaultsProcessor;
