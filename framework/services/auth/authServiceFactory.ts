import { coreServices, createServiceFactory } from '../../api';
import { DefaultAuthService } from './DefaultAuthService';
import { createPluginKeySource, IssuerKeys, readPluginTokenSigning } from './pluginKeys';
import { readAuthKeys } from './readAuthKeys';
import { readExternalAccess } from './readExternalAccess';

export const authServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: {
    config: coreServices.rootConfig,
    rootLogger: coreServices.rootLogger,
    logger: coreServices.logger,
    plugin: coreServices.pluginMetadata,
    discovery: coreServices.discovery,
    database: coreServices.database,
  },
  // Keys are read once per backend so every plugin of this instance signs and verifies with the same ones.
  createRootContext({ config, rootLogger }) {
    const keys = readAuthKeys(config);
    const signing = readPluginTokenSigning(config);
    if (keys.source === 'generated' && signing === 'shared-secret') {
      rootLogger.info(
        'No backend.auth.keys configured: backend tokens are signed with a key made for this instance only; configure shared keys when several instances serve one deployment',
      );
    }
    return { keys, signing, externalTokens: readExternalAccess(config) };
  },
  factory({ config, logger, plugin, discovery, database }, { keys, signing, externalTokens }) {
    // The database is only opened when the first key pair is made or listed, so shared-secret backends never touch it.
    const pluginKeys = signing === 'key-pair' ? createPluginKeySource({ config, database, logger }) : undefined;
    return new DefaultAuthService({
      pluginId: plugin.getId(),
      keys,
      externalTokens,
      pluginKeys,
      issuerKeys: new IssuerKeys(discovery),
    });
  },
});
