/**
 * The types legacy plugins were written against (`@backstage/backend-common` era). They are structural:
 * each one is satisfied by a thin face over a framework service, so one implementation serves both worlds.
 */
import type { Request } from 'express';
import type { Logger } from 'winston';
import type {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  Config,
  DatabaseService,
  DiscoveryService,
  HumanDuration,
  JsonValue,
  QueryPermissionRequest,
  QueryPermissionResponse,
  SchedulerService,
  UrlReaderService,
} from '../framework/api';

export type { Config, HumanDuration, JsonValue };

/** A plugin's database: `getClient()` gives its own knex client. Same shape as the framework's DatabaseService. */
export type PluginDatabaseManager = DatabaseService;

/** The legacy cache client: get/set/delete with a TTL in milliseconds. */
export interface CacheClient {
  get<T extends JsonValue>(key: string): Promise<T | undefined>;
  set(key: string, value: JsonValue, options?: { ttl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface PluginCacheManager {
  getClient(options?: { defaultTtl?: number }): CacheClient;
}

/** Where other plugins live. Same shape as the framework's DiscoveryService. */
export type PluginEndpointDiscovery = DiscoveryService;

export interface TokenManager {
  /** A token other backend plugins accept. */
  getToken(): Promise<{ token: string }>;
  /** Throws AuthenticationError when the token is not a valid backend token. */
  authenticate(token: string): Promise<void>;
}

/** The legacy task scheduler of one plugin; the framework's SchedulerService has the same methods. */
export type PluginTaskScheduler = SchedulerService;

export type UrlReader = UrlReaderService;

export interface BackstageIdentityResponse {
  token: string;
  identity: { type: 'user'; userEntityRef: string; ownershipEntityRefs: string[] };
}

/** Who made a request: the user behind its bearer token, or undefined for anonymous requests. */
export interface IdentityApi {
  getIdentity(options: { request: Request }): Promise<BackstageIdentityResponse | undefined>;
}

/** The legacy permission client. */
export interface PermissionEvaluator {
  authorize(requests: AuthorizePermissionRequest[], options?: { token?: string }): Promise<AuthorizePermissionResponse[]>;
  authorizeConditional(requests: QueryPermissionRequest[], options?: { token?: string }): Promise<QueryPermissionResponse[]>;
}

/** The environment a legacy backend hands each plugin's `createPlugin(env)`. */
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
