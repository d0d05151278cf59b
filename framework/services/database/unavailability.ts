/**
 * Which errors mean "the database cannot be reached right now" rather than "this query is wrong": the HTTP layer
 * answers those with 503 (try again later) instead of 500, and in production says so in general terms.
 */

// Node socket errors on the way to the server.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// PostgreSQL SQLSTATEs: connection exceptions (08xxx), too many connections, server shutting down or starting,
// and query_canceled, which is what statement_timeout raises.
const POSTGRES_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '53300', '57P01', '57P02', '57P03', '57014']);
// Raised by pg and knex without a code; knex puts the SQL in front (`select ... - Query read timeout`).
const MESSAGES = [
  /(^|- )Knex: Timeout acquiring a connection/,
  /(^|- )Connection terminated/, // pg: unexpectedly, or due to connection timeout
  /(^|- )Query read timeout$/, // pg: query_timeout, the client-side bound when the server does not answer
  /(^|- )timeout expired$/, // pg: connectionTimeoutMillis
  /(^|- )Client has encountered a connection error and is not queryable$/,
];

/** Whether `error` (or an error it wraps) says the database is unreachable, overloaded or timed out. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const { name, code, message } = current as { name?: unknown; code?: unknown; message?: unknown };
    if (name === 'KnexTimeoutError' || name === 'DatabaseConnectionError') return true;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}
