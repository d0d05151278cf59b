/**
 * The table that coordinates global tasks, in the plugin's own database. Created by a knex migration with its
 * own bookkeeping table, so it never mixes with the plugin's migrations.
 */
import type { Knex } from 'knex';
import { messageOf } from '../../wiring';

export const TASKS_TABLE = 'forklift_scheduler_tasks';
const MIGRATIONS_TABLE = 'forklift_scheduler__knex_migrations';

export interface TaskRow {
  id: string;
  settings_json: string;
  next_run_start_at: number | null;
  current_run_ticket: string | null;
  current_run_started_at: number | null;
  current_run_expires_at: number | null;
  last_run_ended_at: number | null;
  last_run_error: string | null;
}

const migrations: Record<string, Knex.Migration> = {
  '20261125_01_create_tasks': {
    async up(knex) {
      await knex.schema.createTable(TASKS_TABLE, (table) => {
        table.string('id', 255).primary();
        table.text('settings_json').notNullable();
        // Times are epoch milliseconds from the database's clock, so instances with skewed clocks still agree.
        table.bigInteger('next_run_start_at').nullable();
        table.string('current_run_ticket', 64).nullable();
        table.bigInteger('current_run_started_at').nullable();
        table.bigInteger('current_run_expires_at').nullable();
        table.bigInteger('last_run_ended_at').nullable();
        table.text('last_run_error').nullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable(TASKS_TABLE);
    },
  },
};

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the scheduler's migrations. Several instances starting together race on knex's migration lock and on
 * creating the bookkeeping tables; the losers wait and try again until the winner has finished.
 */
export async function ensureTaskTable(knex: Knex): Promise<void> {
  // A time budget rather than a count: on a loaded machine the winner can hold the lock for seconds.
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await knex.migrate.latest({ migrationSource, tableName: MIGRATIONS_TABLE });
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const racing =
        (error as Error).name === 'MigrationLocked' || code === '23505' || code === '42P07' || /already exists/i.test(messageOf(error));
      if (!racing) throw error;
      // The migration runs in a transaction, so a visible table means the winner has committed it.
      if (await knex.schema.hasTable(TASKS_TABLE).catch(() => false)) return;
      if (Date.now() >= deadline) throw error;
      await sleep(50 + Math.random() * 100);
    }
  }
}

/** SQL for "now" in epoch milliseconds on the database's clock. */
export function nowSql(knex: Knex): string {
  const dialect = (knex.client as { dialect?: string }).dialect;
  if (dialect === 'postgresql') return '(extract(epoch from clock_timestamp()) * 1000)::bigint';
  if (dialect === 'sqlite3' || dialect === 'better-sqlite3') return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
  throw new Error(
    `The scheduler's global tasks support PostgreSQL and SQLite, not '${dialect}'; use scope: 'local' or one of those databases`,
  );
}
