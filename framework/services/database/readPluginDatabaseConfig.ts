/**
 * Resolves one plugin's database settings from `backend.database` and its override under
 * `backend.database.plugin.<pluginId>`. Knows nothing about drivers: it only validates and merges.
 */
import type { Config, JsonObject, JsonValue } from '../../api';

export type DatabaseClientName = 'better-sqlite3' | 'pg';
export type PluginDivisionMode = 'database' | 'schema';

export interface PluginDatabaseConfig {
  pluginId: string;
  client: DatabaseClientName;
  /** Connection from `backend.database` (absent when the plugin switched to another client). */
  baseConnection: JsonValue | undefined;
  /** Connection from `backend.database.plugin.<pluginId>`; its fields win over the base ones. */
  pluginConnection: JsonValue | undefined;
  prefix: string;
  divisionMode: PluginDivisionMode;
  /** Create the plugin's database or schema when it is missing. */
  ensureExists: boolean;
  skipMigrations: boolean;
  /** Extra knex options (pool, debug, ...), plugin-level over base. */
  knexConfig: JsonObject;
}

const CLIENT_ALIASES: Record<string, DatabaseClientName> = {
  'better-sqlite3': 'better-sqlite3',
  sqlite3: 'better-sqlite3',
  sqlite: 'better-sqlite3',
  pg: 'pg',
  postgres: 'pg',
  postgresql: 'pg',
};

export const DEFAULT_PREFIX = 'backstage_plugin_';

function readClient(config: Config | undefined, key: string): DatabaseClientName | undefined {
  const raw = config?.getOptionalString('client');
  if (raw === undefined) return undefined;
  const client = CLIENT_ALIASES[raw];
  if (!client) {
    throw new Error(
      `Invalid value for config key '${key}': database client '${raw}' is not supported; use 'better-sqlite3' (alias 'sqlite3') or 'pg'`,
    );
  }
  return client;
}

function readDivisionMode(config: Config | undefined, key: string): PluginDivisionMode | undefined {
  const raw = config?.getOptionalString('pluginDivisionMode');
  if (raw === undefined) return undefined;
  if (raw !== 'database' && raw !== 'schema') {
    throw new Error(
      `Invalid value for config key '${key}': '${raw}'; use 'database' (one database per plugin) or 'schema' (one schema per plugin)`,
    );
  }
  return raw;
}

function readObject(config: Config | undefined, key: string): JsonObject {
  return (config?.getOptionalConfig(key)?.get<JsonObject>() ?? {}) as JsonObject;
}

export function readPluginDatabaseConfig(rootConfig: Config, pluginId: string): PluginDatabaseConfig {
  const base = rootConfig.getOptionalConfig('backend.database');
  const override = base?.getOptionalConfig(`plugin.${pluginId}`);
  const overrideKey = `backend.database.plugin.${pluginId}`;

  const baseClient = readClient(base, 'backend.database.client') ?? 'better-sqlite3';
  const client = readClient(override, `${overrideKey}.client`) ?? baseClient;
  // A plugin that moves to another client must not inherit a connection meant for the other one.
  const sameClient = client === baseClient;

  return {
    pluginId,
    client,
    baseConnection: sameClient ? base?.getOptional('connection') : undefined,
    pluginConnection: override?.getOptional('connection'),
    prefix: override?.getOptionalString('prefix') ?? base?.getOptionalString('prefix') ?? DEFAULT_PREFIX,
    divisionMode:
      readDivisionMode(override, `${overrideKey}.pluginDivisionMode`) ??
      readDivisionMode(base, 'backend.database.pluginDivisionMode') ??
      'database',
    ensureExists: override?.getOptionalBoolean('ensureExists') ?? base?.getOptionalBoolean('ensureExists') ?? true,
    skipMigrations: override?.getOptionalBoolean('skipMigrations') ?? base?.getOptionalBoolean('skipMigrations') ?? false,
    knexConfig: { ...readObject(base, 'knexConfig'), ...readObject(override, 'knexConfig') },
  };
}
