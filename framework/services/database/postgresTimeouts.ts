/**
 * Timeouts for PostgreSQL, so an unreachable or black-holed database fails a request within seconds (a 503) instead
 * of holding it for as long as the network is down. Each is the driver's own option, set where the driver reads it
 * (pg in `backend.database.connection`, knex in `backend.database.knexConfig`, both also per plugin), accepted in any
 * duration form ('5s', 'PT5S', { seconds: 5 }, milliseconds) and filled in with a default when not set. 0 turns
 * one off.
 */
import type { Knex } from 'knex';
import { durationToMs } from '../durations';

/** pg: the TCP connect plus startup and authentication of one new connection. */
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
/** PostgreSQL cancels a statement running longer than this (server side; the connection stays usable). */
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/** pg gives up on an answer after this (client side: the bound when the server cannot answer at all). */
const DEFAULT_QUERY_TIMEOUT_MS = 35_000;
/** knex: how long a query waits for a connection from the pool (all busy, or none can be made). */
const DEFAULT_ACQUIRE_CONNECTION_TIMEOUT_MS = 10_000;

// The drivers take milliseconds, so plain numbers stay milliseconds; 0 is their own "no timeout".
const DURATION_RULES = { numbersAreMilliseconds: true, allowZero: true };

const PG_TIMEOUTS: Array<[field: string, defaultMs: number]> = [
  ['connectionTimeoutMillis', DEFAULT_CONNECTION_TIMEOUT_MS],
  ['statement_timeout', DEFAULT_STATEMENT_TIMEOUT_MS],
  ['query_timeout', DEFAULT_QUERY_TIMEOUT_MS],
];

/** The pg connection object with every timeout in milliseconds; `key` names where it came from, for errors. */
export function withPgTimeouts(connection: Record<string, unknown>, key: string): Record<string, unknown> {
  const result: Record<string, unknown> = { keepAlive: true, ...connection };
  for (const [field, defaultMs] of PG_TIMEOUTS) {
    const value = connection[field];
    result[field] = value === undefined ? defaultMs : durationToMs(value, `config key '${key}.${field}'`, DURATION_RULES);
  }
  return result;
}

/** The knex options with `acquireConnectionTimeout` in milliseconds. */
export function withKnexTimeouts(knexConfig: Knex.Config, key: string): Knex.Config {
  const value = knexConfig.acquireConnectionTimeout as unknown;
  return {
    ...knexConfig,
    acquireConnectionTimeout:
      value === undefined
        ? DEFAULT_ACQUIRE_CONNECTION_TIMEOUT_MS
        : durationToMs(value, `config key '${key}.acquireConnectionTimeout'`, DURATION_RULES),
  };
}

/**
 * The connection for migrations: no statement or query timeout. A migration (an index on a big table) may take
 * long, and so may waiting for another instance's migrations; the bounds are for request traffic.
 */
export function withoutQueryTimeouts(connection: Record<string, unknown>): Record<string, unknown> {
  return { ...connection, statement_timeout: 0, query_timeout: 0 };
}
