import { createServiceRef } from './refs/ServiceRef';
import type * as S from './services';

/**
 * Refs to every core service. Ids are `core.<name>`, scopes as in Backstage's backend system,
 * so plugins written against either read the same.
 */
export const coreServices = {
  rootConfig: createServiceRef<S.RootConfigService>({ id: 'core.rootConfig', scope: 'root' }),
  rootLogger: createServiceRef<S.RootLoggerService>({ id: 'core.rootLogger', scope: 'root' }),
  logger: createServiceRef<S.LoggerService>({ id: 'core.logger' }),
  rootLifecycle: createServiceRef<S.RootLifecycleService>({ id: 'core.rootLifecycle', scope: 'root' }),
  lifecycle: createServiceRef<S.LifecycleService>({ id: 'core.lifecycle' }),
  rootHttpRouter: createServiceRef<S.RootHttpRouterService>({ id: 'core.rootHttpRouter', scope: 'root' }),
  httpRouter: createServiceRef<S.HttpRouterService>({ id: 'core.httpRouter' }),
  rootHealth: createServiceRef<S.RootHealthService>({ id: 'core.rootHealth', scope: 'root' }),
  rootInstanceMetadata: createServiceRef<S.RootInstanceMetadataService>({ id: 'core.rootInstanceMetadata', scope: 'root' }),
  pluginMetadata: createServiceRef<S.PluginMetadataService>({ id: 'core.pluginMetadata' }),
  database: createServiceRef<S.DatabaseService>({ id: 'core.database' }),
  cache: createServiceRef<S.CacheService>({ id: 'core.cache' }),
  scheduler: createServiceRef<S.SchedulerService>({ id: 'core.scheduler' }),
  discovery: createServiceRef<S.DiscoveryService>({ id: 'core.discovery' }),
  auth: createServiceRef<S.AuthService>({ id: 'core.auth' }),
  httpAuth: createServiceRef<S.HttpAuthService>({ id: 'core.httpAuth' }),
  userInfo: createServiceRef<S.UserInfoService>({ id: 'core.userInfo' }),
  permissions: createServiceRef<S.PermissionsService>({ id: 'core.permissions' }),
  urlReader: createServiceRef<S.UrlReaderService>({ id: 'core.urlReader' }),
  auditor: createServiceRef<S.AuditorService>({ id: 'core.auditor' }),
  permissionsRegistry: createServiceRef<S.PermissionsRegistryService>({ id: 'core.permissionsRegistry' }),
  rootSystemMetadata: createServiceRef<S.RootSystemMetadataService>({ id: 'core.rootSystemMetadata', scope: 'root' }),
} as const;

/** Services Backstage marks alpha; same ids, so published plugins asking for them get Forklift's defaults. */
export const alphaServices = {
  actionsRegistry: createServiceRef<S.ActionsRegistryService>({ id: 'alpha.core.actionsRegistry' }),
  actions: createServiceRef<S.ActionsService>({ id: 'alpha.core.actions' }),
  metrics: createServiceRef<S.MetricsService>({ id: 'alpha.core.metrics' }),
} as const;

/** The events service of `@backstage/plugin-events-node` (id `events.service`); Forklift provides a default. */
export const eventsServiceRef = createServiceRef<S.EventsService>({ id: 'events.service' });
