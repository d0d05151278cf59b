/**
 * The PostgreSQL advisory lock that serialises knex migrations of one migrations table across every instance of
 * a backend. It is a session lock held by the connection that runs the migration, so the server drops it by
 * itself when that connection ends: an instance killed mid-migration never leaves it behind.
 */
import { createHash } from 'crypto';
import type { Knex } from 'knex';

/** The knex migrations table a migration run records itself in (its `_lock` table sits beside it). */
export interface MigrationTable {
  schema: string;
  table: string;
}

/** The migrations table a run of `knex.migrate.*` with `config` uses, as knex itself resolves it. */
export async function migrationTableOf(client: Knex, config: Knex.MigratorConfig | undefined): Promise<MigrationTable> {
  const defaults = client.client.config.migrations ?? {};
  const table = config?.tableName ?? defaults.tableName ?? 'knex_migrations';
  const named = config?.schemaName ?? defaults.schemaName;
  if (named) return { schema: named, table };
  // Unqualified, knex's table lives in the first schema of the search path (the plugin's own in schema mode).
  const result = await client.raw('select current_schema() as schema');
  return { schema: (result.rows[0]?.schema as string | null) ?? 'public', table };
}

/** The lock's bigint key, from the table it guards; advisory locks are scoped to one database already. */
export function migrationLockKey({ schema, table }: MigrationTable): string {
  return createHash('sha256').update(`forklift knex migrations ${schema}.${table}`).digest().readBigInt64BE(0).toString();
}

/**
 * Takes the lock on the client's (single) connection. When another instance holds it, calls `onWait` once and
 * waits on the server, which hands the lock over the moment the holder finishes or its connection ends.
 */
export async function takeMigrationLock(client: Knex, key: string, onWait: () => void): Promise<void> {
  const attempt = await client.raw('select pg_try_advisory_lock(?::bigint) as locked', [key]);
  if (attempt.rows[0]?.locked === true) return;
  onWait();
  await client.transaction(async (trx) => {
    // Server-wide statement or lock timeouts must not cut a legitimate wait short. SET LOCAL ends with this
    // transaction; the session lock taken inside it does not.
    await trx.raw('set local statement_timeout = 0');
    await trx.raw('set local lock_timeout = 0');
    await trx.raw('select pg_advisory_lock(?::bigint)', [key]);
  });
}

/** The part of a node-postgres connection the pool hands to `afterCreate`. */
interface RawPgConnection {
  query(text: string, values: unknown[], callback: (error: Error | null, result?: { rows: Array<{ locked?: boolean }> }) => void): void;
}

/**
 * For a connection that replaces the one holding the lock (the old one broke mid-run): takes the lock again
 * without waiting; false when another instance holds it by now.
 */
export function retakeMigrationLock(connection: unknown, key: string): Promise<boolean> {
  return new Promise((resolve, reject) =>
    (connection as RawPgConnection).query('select pg_try_advisory_lock($1::bigint) as locked', [key], (error, result) =>
      error ? reject(error) : resolve(result?.rows[0]?.locked === true),
    ),
  );
}
