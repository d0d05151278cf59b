import { Knex } from 'knex';

/**
 * The plugin's schema history. Kept in code rather than a migrations folder so that
 * the plugin runs the same from sources and from a bundle.
 */
const migrations: Record<string, Knex.Migration> = {
  '20240101_create_todos': {
    async up(knex) {
      await knex.schema.createTable('todos', table => {
        table.increments('id').primary();
        table.string('title').notNullable();
        table.timestamp('created_at').notNullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable('todos');
    },
  },
  '20240201_add_done': {
    async up(knex) {
      await knex.schema.alterTable('todos', table => {
        table.boolean('done').notNullable().defaultTo(false);
      });
    },
    async down(knex) {
      await knex.schema.alterTable('todos', table => {
        table.dropColumn('done');
      });
    },
  },
};

export const migrationSource: Knex.MigrationSource<string> = {
  async getMigrations() {
    return Object.keys(migrations).sort();
  },
  getMigrationName(migration) {
    return migration;
  },
  async getMigration(migration) {
    return migrations[migration];
  },
};
