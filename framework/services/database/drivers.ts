/**
 * knex (with lodash and its dialects) and better-sqlite3 are loaded on the first connection a plugin asks for,
 * never at import: most backends have plugins that never touch a database, and these libraries would otherwise
 * cost every backend hundreds of modules and megabytes of memory at startup. Node's module cache makes each
 * call after the first a lookup.
 */
import type { Knex } from 'knex';
import { optionalDependencyMissing } from '../../wiring/errors';

/** better-sqlite3 is an optional peer dependency: it compiles natively, and PostgreSQL users never need it. */
const BETTER_SQLITE3_RANGE = '^12';

export type KnexFactory = typeof import('knex').knex;

/** The knex factory, loaded on first use. */
export function loadKnex(): KnexFactory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return (require('knex') as typeof import('knex')).knex;
}

/** knex's own better-sqlite3 dialect (not part of knex's public exports), to extend for shared in-memory databases. */
export function loadBetterSqlite3Dialect(): typeof Knex.Client {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
  return require('knex/lib/dialects/better-sqlite3');
}

/** better-sqlite3's Database constructor, loaded on first use. */
export function loadBetterSqlite3(): typeof import('better-sqlite3') {
  return requireOptional(
    'better-sqlite3',
    'The embedded SQLite database (backend.database.client: better-sqlite3)',
    BETTER_SQLITE3_RANGE,
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at import (startup cost)
    () => require('better-sqlite3'),
  );
}

/**
 * Loads an optional install; when the package itself is missing (not one of its own imports), the error names
 * it, what needed it and the install command.
 */
export function requireOptional<T>(packageName: string, neededFor: string, versionRange: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (isMissingModule(error, packageName)) throw optionalDependencyMissing(packageName, neededFor, versionRange, error);
    throw error;
  }
}

function isMissingModule(error: unknown, name: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${name}'`);
}
