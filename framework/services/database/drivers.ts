/**
 * knex (with lodash and its dialects) and better-sqlite3 are loaded on the first connection a plugin asks for,
 * never at import: most backends have plugins that never touch a database, and these libraries would otherwise
 * cost every backend hundreds of modules and megabytes of memory at startup. Node's module cache makes each
 * call after the first a lookup.
 */
import type { Knex } from 'knex';

export type KnexFactory = typeof import('knex').knex;

/** The knex factory, loaded on first use. */
export function loadKnex(): KnexFactory {
  return (require('knex') as typeof import('knex')).knex;
}

/** knex's own better-sqlite3 dialect (not part of knex's public exports), to extend for shared in-memory databases. */
export function loadBetterSqlite3Dialect(): new (config: Knex.Config) => Knex.Client {
  return require('knex/lib/dialects/better-sqlite3');
}

/** better-sqlite3's Database constructor, loaded on first use. */
export function loadBetterSqlite3(): typeof import('better-sqlite3') {
  return require('better-sqlite3');
}
