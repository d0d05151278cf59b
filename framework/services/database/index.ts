/** `core.database`: per-plugin knex clients on SQLite (embedded default) or PostgreSQL. */
export { databaseServiceFactory } from './databaseServiceFactory';
export { DatabaseManager } from './DatabaseManager';
export type { PluginDatabaseDeps } from './DatabaseManager';
export { DatabaseConnectionError } from './DatabaseConnectionError';
export { isDatabaseUnavailable } from './unavailability';
/** PostgreSQL connection settings as `backend.database` reads them, for other services on the same server. */
export { toConnectionObject, hostLabel as postgresHostLabel } from './postgresConnector';
export { withPgTimeouts } from './postgresTimeouts';
