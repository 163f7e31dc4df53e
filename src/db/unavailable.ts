/**
 * The one place that tells "the database cannot answer now" from a fault of the request or of the
 * code. app.ts answers the first with 503 and `Retry-After`, the second with 500 (decision 0012).
 */

// Socket errors of a connection that could not be opened or was cut.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

// SQLSTATEs: the server is shutting down, crashed or starting (57P01–57P03), a statement ran past
// statement_timeout (57014: Créneau never cancels queries otherwise), and whole classes.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57014']);
const SQLSTATE_CLASSES = new Set([
  '08', // connection exception
  '53', // insufficient resources: too many connections (53300), out of memory, disk full
]);

// Errors that pg, pg-pool and Kysely raise without a code. They are matched by message, so an
// upgrade that rewords them shows up in test/db-unavailable.test.ts, which provokes each on a real server.
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout (pg-pool)
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within connectionTimeoutMillis
  /^Query read timeout$/, // pg: query_timeout passed
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/, // while the server stops
  /^Postgres connection has been discarded$/, // Kysely, after a failed rollback
];

/** Whether `error` (or its cause) says the database is unreachable, stopped, frozen or overloaded. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && SQLSTATE_CLASSES.has(code.slice(0, 2))) return true;
  }
  if (DRIVER_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // Connecting to "localhost" tries each address and fails with an AggregateError of them.
  if (error instanceof AggregateError && error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) {
    return true;
  }
  return isDatabaseUnavailable(error.cause, depth + 1);
}
