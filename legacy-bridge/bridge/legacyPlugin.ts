import { coreServices } from '../../framework/api';
import type { CacheService, LoggerService } from '../../framework/api';
import { cacheToPluginCacheManager } from './cacheToPluginCacheManager';
import { legacyIdentityServiceRef, legacyPermissionsServiceRef, legacyTokenManagerServiceRef } from './legacyServiceRefs';
import { loggerToWinstonLogger } from './loggerToWinstonLogger';
import { makeLegacyPlugin } from './makeLegacyPlugin';

/** The standard legacy `PluginEnvironment`, field by field, as services of the new backend. */
export const legacyEnvMapping = {
  logger: coreServices.logger,
  config: coreServices.rootConfig,
  database: coreServices.database,
  cache: coreServices.cache,
  discovery: coreServices.discovery,
  scheduler: coreServices.scheduler,
  reader: coreServices.urlReader,
  tokenManager: legacyTokenManagerServiceRef,
  permissions: legacyPermissionsServiceRef,
  identity: legacyIdentityServiceRef,
};

export const legacyEnvTransforms = {
  logger: (logger: LoggerService) => loggerToWinstonLogger(logger),
  cache: (cache: CacheService) => cacheToPluginCacheManager(cache),
};

/**
 * Runs an old `createPlugin(env)` plugin file inside the new backend:
 * `backend.add(legacyPlugin('todo', import('./plugins/todo')))` serves it at `/api/todo`, as before.
 */
export const legacyPlugin = makeLegacyPlugin(legacyEnvMapping, legacyEnvTransforms);
