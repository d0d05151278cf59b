/**
 * PostgreSQL through pg: one database per plugin (`<prefix><pluginId>`, created when missing) or, with
 * `pluginDivisionMode: schema`, one schema per plugin inside one database with the search path set to it.
 */
import type { Knex } from 'knex';
import { parse as parseConnectionString } from 'pg-connection-string';
import type { JsonValue, LoggerService } from '../../api';
import type { PluginDatabaseConfig } from './readPluginDatabaseConfig';
import type { OpenedDatabase } from './sqliteConnector';
import { DatabaseConnectionError } from './DatabaseConnectionError';
import { withKnexTimeouts, withoutQueryTimeouts, withPgTimeouts } from './postgresTimeouts';
import { loadKnex } from './drivers';
import { messageOf } from '../../wiring';
import { serialiseMigrations } from './serialiseMigrations';

type PgConnection = Record<string, unknown>;

// PostgreSQL silently truncates longer identifiers, which could give two plugins the same database.
const MAX_IDENTIFIER_BYTES = 63;
// Codes a concurrent creator makes us see: the object appeared between our check and our CREATE.
const ALREADY_EXISTS = new Set(['42P04', '42P06', '23505']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutEmpty(value: Record<string, unknown>): PgConnection {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

export function toConnectionObject(value: JsonValue | undefined, key: string): PgConnection | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return withoutEmpty(parseConnectionString(value) as Record<string, unknown>);
  if (isObject(value)) {
    const { connectionString, ...rest } = value;
    if (typeof connectionString === 'string') {
      return { ...withoutEmpty(parseConnectionString(connectionString) as Record<string, unknown>), ...rest };
    }
    return { ...value };
  }
  throw new Error(
    `Invalid value for config key '${key}': use a connection string (postgresql://user:password@host:5432/db) or an object with host, port, user, password, database`,
  );
}

export function hostLabel(connection: PgConnection): string {
  const host = typeof connection.host === 'string' && connection.host ? connection.host : 'localhost';
  return `${host}:${connection.port ?? 5432}`;
}

/** The driver's message without the password, in case a driver or a misplaced config value echoes it. */
export function redactSecrets(message: string, connection: PgConnection): string {
  let result = message.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s]*@/gi, '$1***@');
  const password = connection.password;
  if (typeof password === 'string' && password.length > 0) result = result.split(password).join('***');
  return result;
}

// knex prints pool warnings (e.g. each failed connection attempt) with console.log; they belong in the plugin's log.
function knexLog(logger: LoggerService | undefined, connection: PgConnection): Knex.Config['log'] | undefined {
  if (!logger) return undefined;
  const text = (message: unknown) => redactSecrets(typeof message === 'string' ? message : messageOf(message), connection);
  return {
    warn: (message: unknown) => logger.warn(`knex: ${text(message)}`),
    error: (message: unknown) => logger.error(`knex: ${text(message)}`),
    deprecate: (method: unknown, alternative: unknown) => logger.warn(`knex: ${String(method)} is deprecated, use ${String(alternative)}`),
    debug: (message: unknown) => logger.debug(`knex: ${text(message)}`),
  };
}

// A connection recycled for its age mid-migration would take the migration lock with it.
function withoutLifetime(pool: Knex.PoolConfig | undefined): Knex.PoolConfig {
  const {
    maxConnectionLifetimeMillis: _lifetime,
    maxConnectionLifetimeJitterMillis: _jitter,
    ...rest
  } = (pool ?? {}) as Knex.PoolConfig & Record<string, unknown>;
  return rest;
}

function assertIdentifier(name: string, what: string, pluginId: string): void {
  if (Buffer.byteLength(name) > MAX_IDENTIFIER_BYTES) {
    throw new Error(
      `The PostgreSQL ${what} name '${name}' of plugin '${pluginId}' is longer than ${MAX_IDENTIFIER_BYTES} bytes; ` +
        `use a shorter backend.database.prefix or set backend.database.plugin.${pluginId}.connection.database`,
    );
  }
}

async function ensureDatabase(admin: Knex, database: string): Promise<boolean> {
  const existing = await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [database]);
  if (existing.rows.length > 0) return false;
  try {
    await admin.raw('CREATE DATABASE ??', [database]);
    return true;
  } catch (error) {
    if (ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  }
}

async function ensureSchema(knex: Knex, schema: string): Promise<void> {
  try {
    await knex.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
  } catch (error) {
    // IF NOT EXISTS still races with a concurrent creator in the catalog's unique index.
    if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
  }
}

export async function openPostgres(config: PluginDatabaseConfig, logger?: LoggerService): Promise<OpenedDatabase> {
  const { pluginId } = config;
  const pluginKey = `backend.database.plugin.${pluginId}.connection`;
  const base = toConnectionObject(config.baseConnection, 'backend.database.connection');
  const own = toConnectionObject(config.pluginConnection, pluginKey);
  if (!base && !own) {
    throw new Error(
      `Missing config key 'backend.database.connection' for plugin '${pluginId}': the 'pg' client needs a connection string or an object with host, port, user, password, database`,
    );
  }
  const merged: PgConnection = withPgTimeouts({ ...base, ...own }, own ? pluginKey : 'backend.database.connection');
  const where = hostLabel(merged);
  const fail = (error: unknown, action: string, database: string) =>
    new DatabaseConnectionError(
      `Could not ${action} of plugin '${pluginId}' on PostgreSQL at ${where} (database '${database}'): ${redactSecrets(
        messageOf(error),
        merged,
      )}`,
      error,
    );
  const knexFactory = loadKnex();
  const log = knexLog(logger, merged);
  const knexBase: Knex.Config = {
    pool: { min: 0, max: 10 },
    ...(log ? { log } : {}),
    ...withKnexTimeouts(config.knexConfig as Knex.Config, 'backend.database.knexConfig'),
    client: 'pg',
  };
  // The plugin's client, whose migrations run one instance at a time, each on a client of its own.
  const openClient = (settings: Knex.Config) =>
    serialiseMigrations(knexFactory(settings), {
      pluginId,
      logger,
      openMigrationClient: (pool) =>
        knexFactory({
          ...settings,
          connection: withoutQueryTimeouts(settings.connection as PgConnection) as Knex.PgConnectionConfig,
          pool: { ...withoutLifetime(settings.pool), ...pool },
        }),
    });

  if (config.divisionMode === 'schema') {
    const schema = pluginId;
    assertIdentifier(schema, 'schema', pluginId);
    const database = String(merged.database ?? 'postgres');
    const knex = openClient({ ...knexBase, connection: merged as Knex.PgConnectionConfig, searchPath: [schema] });
    try {
      if (config.ensureExists) await ensureSchema(knex, schema);
      await knex.raw('select 1');
    } catch (error) {
      await knex.destroy().catch(() => {});
      throw fail(error, `open schema '${schema}'`, database);
    }
    return { knex, location: `PostgreSQL ${where}, database '${database}', schema '${schema}'`, close: () => knex.destroy() };
  }

  const database = typeof own?.database === 'string' ? own.database : `${config.prefix}${pluginId}`;
  assertIdentifier(database, 'database', pluginId);
  if (config.ensureExists) {
    const adminDatabase = String(base?.database ?? 'postgres');
    const admin = knexFactory({
      client: 'pg',
      connection: { ...merged, database: adminDatabase } as Knex.PgConnectionConfig,
      pool: { min: 0, max: 1 },
      ...(log ? { log } : {}),
    });
    try {
      if (await ensureDatabase(admin, database)) logger?.info(`Created database '${database}' for plugin '${pluginId}'`);
    } catch (error) {
      throw fail(error, 'create the database', database);
    } finally {
      await admin.destroy().catch(() => {});
    }
  }
  const knex = openClient({ ...knexBase, connection: { ...merged, database } as Knex.PgConnectionConfig });
  try {
    await knex.raw('select 1');
  } catch (error) {
    await knex.destroy().catch(() => {});
    throw fail(error, 'connect to the database', database);
  }
  return { knex, location: `PostgreSQL ${where}, database '${database}'`, close: () => knex.destroy() };
}
