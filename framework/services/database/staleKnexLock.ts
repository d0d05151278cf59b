/**
 * knex keeps its own migration lock as a row (`is_locked`) in `<table>_lock`. An instance that dies between
 * setting and clearing it leaves it set for good, and two instances creating the table at once can insert two
 * rows, after which knex reports "already locked" forever. Both are repaired here, only ever while holding the
 * advisory migration lock: then no other instance can be migrating, so a set row is stale by definition.
 */
import type { Knex } from 'knex';
import type { MigrationTable } from './migrationLock';

/** Resets the lock table to its one unlocked row; returns what was wrong, or undefined when nothing was. */
export async function clearStaleKnexLock(client: Knex, { schema, table }: MigrationTable): Promise<string | undefined> {
  const lockTable = `${table}_lock`;
  if (!(await client.schema.withSchema(schema).hasTable(lockTable))) return undefined;
  const rows: Array<{ is_locked: number | null }> = await client.withSchema(schema).from(lockTable).select('is_locked');
  // No row yet: knex inserts it itself on its next run.
  if (rows.length === 0 || (rows.length === 1 && rows[0].is_locked === 0)) return undefined;
  const problem = rows.length > 1 ? `${rows.length} lock rows instead of one` : 'the lock was left set';
  await client.transaction(async (trx) => {
    await trx.withSchema(schema).from(lockTable).del();
    await trx.withSchema(schema).from(lockTable).insert({ is_locked: 0 });
  });
  return problem;
}
