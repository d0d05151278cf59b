import { Logger } from 'winston';
import {
  Config,
  IdentityApi,
  PermissionEvaluator,
  PluginCacheManager,
  PluginDatabaseManager,
  PluginEndpointDiscovery,
  PluginTaskScheduler,
  TokenManager,
  UrlReader,
} from 'forklift/legacy-bridge';

export type PluginEnvironment = {
  logger: Logger;
  database: PluginDatabaseManager;
  cache: PluginCacheManager;
  config: Config;
  reader: UrlReader;
  discovery: PluginEndpointDiscovery;
  tokenManager: TokenManager;
  scheduler: PluginTaskScheduler;
  permissions: PermissionEvaluator;
  identity: IdentityApi;
};
