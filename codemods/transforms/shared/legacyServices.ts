/**
 * How the fields of a legacy plugin environment (or a legacy `RouterOptions`) map onto core services of the
 * new backend system. One table, read by every transform that turns legacy wiring into `deps`.
 */

export type CoreServiceName =
  | 'rootConfig'
  | 'logger'
  | 'database'
  | 'cache'
  | 'discovery'
  | 'permissions'
  | 'scheduler'
  | 'urlReader'
  | 'auth'
  | 'httpAuth'
  | 'userInfo'
  | 'lifecycle'
  | 'pluginMetadata'
  | 'auditor';

/** The legacy-bridge helpers that adapt a new service to the old type a legacy function expects. */
export type BridgeHelper = 'loggerToWinstonLogger' | 'cacheToPluginCacheManager';

export type LegacyFieldMapping =
  /** The field is a core service, possibly adapted to the old type. */
  | { kind: 'service'; service: CoreServiceName }
  /** The field has no counterpart; the new services that replace it are offered and a person finishes. */
  | { kind: 'replaced'; services: CoreServiceName[]; advice: string };

const SERVICE_BY_FIELD: Record<string, LegacyFieldMapping> = {
  logger: { kind: 'service', service: 'logger' },
  config: { kind: 'service', service: 'rootConfig' },
  database: { kind: 'service', service: 'database' },
  cache: { kind: 'service', service: 'cache' },
  discovery: { kind: 'service', service: 'discovery' },
  permissions: { kind: 'service', service: 'permissions' },
  scheduler: { kind: 'service', service: 'scheduler' },
  reader: { kind: 'service', service: 'urlReader' },
  urlReader: { kind: 'service', service: 'urlReader' },
  auth: { kind: 'service', service: 'auth' },
  httpAuth: { kind: 'service', service: 'httpAuth' },
  userInfo: { kind: 'service', service: 'userInfo' },
  lifecycle: { kind: 'service', service: 'lifecycle' },
  auditor: { kind: 'service', service: 'auditor' },
  tokenManager: {
    kind: 'replaced',
    services: ['auth', 'httpAuth', 'userInfo'],
    advice:
      'the new backend system has no token manager; issue and check service tokens with `auth` and read request credentials with `httpAuth`',
  },
  identity: {
    kind: 'replaced',
    services: ['auth', 'httpAuth', 'userInfo'],
    advice:
      'the new backend system has no identity API; read the caller with `httpAuth.credentials(req)` and look the user up with `userInfo`',
  },
};

export function legacyFieldMapping(field: string): LegacyFieldMapping | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICE_BY_FIELD, field) ? SERVICE_BY_FIELD[field] : undefined;
}

/**
 * The bridge helper a value of the new service needs to fit a legacy type, judged by the declared type's name:
 * winston's `Logger` wants `loggerToWinstonLogger`, the old `PluginCacheManager` wants `cacheToPluginCacheManager`.
 */
export function bridgeHelperFor(service: CoreServiceName, typeName: string | undefined): BridgeHelper | undefined {
  if (service === 'logger' && typeName === 'winston:Logger') return 'loggerToWinstonLogger';
  if (service === 'cache' && typeName === 'PluginCacheManager') return 'cacheToPluginCacheManager';
  return undefined;
}

/**
 * In the forklift family the legacy bridge offers service refs for the legacy-only clients, so a plugin can keep
 * passing them to old code and still compile and run: the token manager, the identity API, and the old
 * permission client (whose calls take a token, where the new permissions service takes credentials).
 */
export function legacyServiceRefFor(field: string, typeKey: string | undefined): string | undefined {
  if (field === 'tokenManager' && (typeKey === undefined || typeKey === 'TokenManager')) return 'legacyTokenManagerServiceRef';
  if (field === 'identity' && (typeKey === undefined || typeKey === 'IdentityApi')) return 'legacyIdentityServiceRef';
  if (field === 'permissions' && typeKey === 'PermissionEvaluator') return 'legacyPermissionsServiceRef';
  return undefined;
}
