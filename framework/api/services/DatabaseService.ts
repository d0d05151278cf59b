import type { Knex } from 'knex';

/** A plugin's own database: SQLite (embedded default) or PostgreSQL, isolated from other plugins. */
export interface DatabaseService {
  /** The plugin's knex client, created on first call; the same client thereafter. */
  getClient(): Promise<Knex>;
  migrations?: {
    /** True when config says this plugin must not run its own migrations. */
    skip?: boolean;
  };
}
