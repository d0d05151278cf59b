import { coreServices, createServiceFactory } from '../../api';
import { DefaultAuthService } from './DefaultAuthService';
import { readAuthKeys } from './readAuthKeys';
import { readExternalAccess } from './readExternalAccess';

export const authServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger, plugin: coreServices.pluginMetadata },
  // Keys are read once per backend so every plugin of this instance signs and verifies with the same ones.
  createRootContext({ config, logger }) {
    const keys = readAuthKeys(config);
    if (keys.source === 'generated') {
      logger.info(
        'No backend.auth.keys configured: backend tokens are signed with a key made for this instance only; configure shared keys when several instances serve one deployment',
      );
    }
    return { keys, externalTokens: readExternalAccess(config) };
  },
  factory({ plugin }, { keys, externalTokens }) {
    return new DefaultAuthService({ pluginId: plugin.getId(), keys, externalTokens });
  },
});
