/**
 * The root context of core.database: one per backend, so every plugin of a process shares it and each plugin
 * gets exactly one knex client. The legacy bridge's DatabaseManager is a face over this class.
 */
import type { Config, DatabaseService, LifecycleService, LoggerService } from '../../api';
import { readPluginDatabaseConfig } from './readPluginDatabaseConfig';
import { openSqlite, type OpenedDatabase } from './sqliteConnector';
import { openPostgres } from './postgresConnector';

export interface PluginDatabaseDeps {
  logger?: LoggerService;
  /** When given, the plugin's connections close in its shutdown hook. */
  lifecycle?: LifecycleService;
}

export class DatabaseManager {
  static fromConfig(config: Config): DatabaseManager {
    return new DatabaseManager(config);
  }

  private readonly opened = new Map<string, Promise<OpenedDatabase>>();
  private readonly closed = new Set<string>();

  private constructor(private readonly config: Config) {}

  forPlugin(pluginId: string, deps: PluginDatabaseDeps = {}): DatabaseService {
    // Read eagerly so a config mistake surfaces when the plugin starts, not on its first query.
    const settings = readPluginDatabaseConfig(this.config, pluginId);
    deps.lifecycle?.addShutdownHook(() => this.closePlugin(pluginId), { logger: deps.logger });
    return {
      getClient: async () => (await this.open(pluginId, deps.logger)).knex,
      migrations: { skip: settings.skipMigrations },
    };
  }

  private open(pluginId: string, logger?: LoggerService): Promise<OpenedDatabase> {
    if (this.closed.has(pluginId)) {
      return Promise.reject(new Error(`The database of plugin '${pluginId}' was closed at shutdown; no new client can be made`));
    }
    let pending = this.opened.get(pluginId);
    if (!pending) {
      const settings = readPluginDatabaseConfig(this.config, pluginId);
      pending = settings.client === 'pg' ? openPostgres(settings, logger) : openSqlite(settings);
      pending.then(
        (db) => logger?.debug(`Database of plugin '${pluginId}': ${db.location}`),
        // A failed attempt is forgotten so the next getClient() tries again (the database may come up).
        () => this.opened.delete(pluginId),
      );
      this.opened.set(pluginId, pending);
    }
    return pending;
  }

  /** Closes one plugin's connections; later getClient() calls for it fail. */
  async closePlugin(pluginId: string): Promise<void> {
    this.closed.add(pluginId);
    const pending = this.opened.get(pluginId);
    this.opened.delete(pluginId);
    if (!pending) return;
    const db = await pending.catch(() => undefined);
    await db?.close();
  }

  /** Closes every plugin's connections. */
  async close(): Promise<void> {
    await Promise.all([...this.opened.keys()].map((pluginId) => this.closePlugin(pluginId)));
  }
}
