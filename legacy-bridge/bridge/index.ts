export { legacyPlugin, legacyEnvMapping, legacyEnvTransforms } from './legacyPlugin';
export { legacyAuthModule } from './legacyAuthModule';
export { makeLegacyPlugin, type LegacyCreateRouter, type LegacyPluginImport } from './makeLegacyPlugin';
export { loggerToWinstonLogger } from './loggerToWinstonLogger';
export { cacheToPluginCacheManager } from './cacheToPluginCacheManager';
export { legacyTokenManagerServiceRef, legacyIdentityServiceRef, legacyPermissionsServiceRef } from './legacyServiceRefs';
export { LegacyPluginError } from './LegacyPluginError';
