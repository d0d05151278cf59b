/**
 * Makes `knex.migrate.latest/up/down/rollback` on a plugin's PostgreSQL client safe for many instances starting
 * at once: each run gets its own one-connection client that first takes the advisory migration lock (see
 * migrationLock.ts), repairs a stale knex lock row under it, then migrates, and ends its connection, which
 * releases the lock. Every statement of the run goes over that connection, so none of it runs unlocked.
 */
import type { Knex } from 'knex';
import type { LoggerService } from '../../api';
import { ErrorCodes, ForkliftBackendError } from '../../wiring/errors';
import { migrationLockKey, migrationTableOf, retakeMigrationLock, takeMigrationLock } from './migrationLock';
import { clearStaleKnexLock } from './staleKnexLock';

export interface SerialiseMigrationsOptions {
  pluginId: string;
  logger?: LoggerService;
  /** A new client on the same database with the same settings but this pool; destroyed after one run. */
  openMigrationClient(pool: Knex.PoolConfig): Knex;
}

// The migrator methods that take knex's lock; the others (list, status, currentVersion, make, ...) only read.
const LOCKING_METHODS = new Set(['latest', 'up', 'down', 'rollback']);

type MigrateMethod = (config?: Knex.MigratorConfig) => Promise<unknown>;

/** Replaces `knex.migrate` on this client (and only this one) with the serialised version; returns the client. */
export function serialiseMigrations(knex: Knex, options: SerialiseMigrationsOptions): Knex {
  const makeMigrator = Object.getOwnPropertyDescriptor(knex, 'migrate')?.get;
  if (!makeMigrator) throw new Error('knex.migrate is not a getter on this knex version; the database service cannot serialise migrations');
  Object.defineProperty(knex, 'migrate', {
    configurable: true,
    get() {
      const migrator = makeMigrator.call(knex) as Knex.Migrator;
      return new Proxy(migrator, {
        get(target, property) {
          if (typeof property === 'string' && LOCKING_METHODS.has(property)) {
            return (config?: Knex.MigratorConfig) =>
              runLocked(config, options, (client) => (client.migrate[property as keyof Knex.Migrator] as MigrateMethod)(config));
          }
          const value: unknown = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
  });
  return knex;
}

async function runLocked<T>(
  config: Knex.MigratorConfig | undefined,
  options: SerialiseMigrationsOptions,
  run: (client: Knex) => Promise<T>,
) {
  const { pluginId, logger } = options;
  let heldKey: string | undefined;
  const client = options.openMigrationClient({
    // One connection, kept however long it idles: the lock lives and dies with it.
    min: 1,
    max: 1,
    afterCreate(connection: unknown, done: (error: Error | null, connection: unknown) => void) {
      if (heldKey === undefined) return done(null, connection);
      retakeMigrationLock(connection, heldKey).then(
        (retaken) => done(retaken ? null : lockLost(pluginId), connection),
        (error: Error) => done(error, connection),
      );
    },
  });
  try {
    const table = await migrationTableOf(client, config);
    const key = migrationLockKey(table);
    const where = `${table.schema}.${table.table}`;
    await takeMigrationLock(client, key, () =>
      logger?.info(`Another instance is running the migrations of plugin '${pluginId}' (${where}); waiting for it to finish`),
    );
    heldKey = key;
    const repaired = await clearStaleKnexLock(client, table);
    if (repaired) {
      logger?.warn(
        `Cleared the knex migration lock of plugin '${pluginId}' (${where}_lock): ${repaired}, left by an instance that ` +
          'stopped while migrating. No other instance can be migrating while this one holds the migration lock.',
      );
    }
    return await run(client);
  } finally {
    // Ending the connection is what releases the lock, also when the run failed.
    await client.destroy();
  }
}

function lockLost(pluginId: string): ForkliftBackendError {
  return new ForkliftBackendError(
    ErrorCodes.FORKLIFT_MIGRATION_LOCK_LOST,
    `The database connection running the migrations of plugin '${pluginId}' broke, and another instance has taken ` +
      'the migration lock since; this instance stops migrating rather than run migrations beside it. Restart it: it ' +
      'will wait for the other instance and then find the migrations done.',
  );
}
