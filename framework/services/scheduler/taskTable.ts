/**
 * The table that coordinates global tasks, in the plugin's own database. Created by a knex migration with its
 * own bookkeeping table, so it never mixes with the plugin's migrations (and has a migration lock of its own).
 */
import type { Knex } from 'knex';

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

/**
 * Creates or upgrades the task table. Instances starting together need no retry here: on PostgreSQL the database
 * service runs every client's migrations one instance at a time (and repairs a lock row a dead instance left);
 * SQLite belongs to one process.
 */
export async function ensureTaskTable(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource, tableName: MIGRATIONS_TABLE });
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
