/**
 * SQLite through better-sqlite3: in memory (the default) or one file per plugin.
 */
import fs from 'fs';
import path from 'path';
import type { Knex } from 'knex';
import type { JsonValue } from '../../api';
import type { PluginDatabaseConfig } from './readPluginDatabaseConfig';
import { DatabaseConnectionError } from './DatabaseConnectionError';
import { loadBetterSqlite3, loadBetterSqlite3Dialect, loadKnex } from './drivers';
import { messageOf } from '../../wiring';

export interface OpenedDatabase {
  knex: Knex;
  close(): Promise<void>;
  /** Where the data lives, for logs and errors (never a secret). */
  location: string;
}

type SqliteTarget = { kind: 'memory' } | { kind: 'file'; filename: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveTarget(config: PluginDatabaseConfig): SqliteTarget {
  const { pluginConnection, baseConnection, pluginId } = config;
  const pick = (value: JsonValue | undefined, where: string, shared: boolean): SqliteTarget | undefined => {
    if (value === undefined || value === null) return undefined;
    if (value === ':memory:') return { kind: 'memory' };
    const spec = typeof value === 'string' ? { filename: value } : isObject(value) ? value : undefined;
    if (!spec) {
      throw new Error(`Invalid value for config key '${where}': use ':memory:', { directory: <path> } or, per plugin, a file name`);
    }
    if (typeof spec.directory === 'string') {
      return { kind: 'file', filename: path.resolve(spec.directory, `${pluginId}.sqlite`) };
    }
    if (typeof spec.filename === 'string') {
      if (spec.filename === ':memory:') return { kind: 'memory' };
      if (shared) {
        // One file for every plugin would let plugins read each other's tables.
        throw new Error(
          `Invalid value for config key '${where}': a single SQLite file would be shared by every plugin; ` +
            `use { directory: '${path.dirname(spec.filename)}' } for one file per plugin, or set the file per plugin under backend.database.plugin.<pluginId>.connection`,
        );
      }
      return { kind: 'file', filename: path.resolve(spec.filename) };
    }
    throw new Error(`Invalid value for config key '${where}': an SQLite connection object needs 'directory' (or, per plugin, 'filename')`);
  };
  return (
    pick(pluginConnection, `backend.database.plugin.${pluginId}.connection`, false) ??
    pick(baseConnection, 'backend.database.connection', true) ?? { kind: 'memory' }
  );
}

// knex's better-sqlite3 dialect opens a fresh database for every pool connection, and `:memory:` would then
// mean a new empty database each time. This dialect hands out one database that lives until close().
// Its config still names the dialect ('better-sqlite3'): migrations test `knex.client.config.client` as a string.
function sharedMemoryDialect(db: unknown) {
  return class SharedMemorySqlite extends loadBetterSqlite3Dialect() {
    constructor(config: Knex.Config) {
      super({ ...config, client: 'better-sqlite3' });
    }
    async acquireRawConnection() {
      return db;
    }
    async destroyRawConnection() {
      // The pool may recycle its wrapper; the database itself stays open until the plugin closes.
    }
  };
}

export async function openSqlite(config: PluginDatabaseConfig): Promise<OpenedDatabase> {
  const target = resolveTarget(config);
  const base: Knex.Config = { useNullAsDefault: true, ...(config.knexConfig as Knex.Config) };
  const knexFactory = loadKnex();
  if (target.kind === 'memory') {
    const Database = loadBetterSqlite3();
    const db = new Database(':memory:');
    const knex = knexFactory({
      ...base,
      client: sharedMemoryDialect(db),
      connection: { filename: ':memory:' },
      // One connection: SQLite serialises writers anyway, and a second one could not see the data.
      pool: { min: 1, max: 1, idleTimeoutMillis: Number.MAX_SAFE_INTEGER },
    });
    return {
      knex,
      location: 'SQLite in memory',
      async close() {
        await knex.destroy();
        db.close();
      },
    };
  }
  try {
    fs.mkdirSync(path.dirname(target.filename), { recursive: true });
  } catch (error) {
    throw new DatabaseConnectionError(
      `Could not open the SQLite database of plugin '${config.pluginId}' at '${target.filename}': ${messageOf(error)}`,
      error,
    );
  }
  loadBetterSqlite3(); // knex loads the driver itself; this names the optional install when it is missing
  const knex = knexFactory({ ...base, client: 'better-sqlite3', connection: { filename: target.filename } });
  try {
    await knex.raw('select 1');
  } catch (error) {
    await knex.destroy().catch(() => {});
    throw new DatabaseConnectionError(
      `Could not open the SQLite database of plugin '${config.pluginId}' at '${target.filename}': ${messageOf(error)}`,
      error,
    );
  }
  return { knex, location: `SQLite file ${target.filename}`, close: () => knex.destroy() };
}
