/**
 * Whether an error means the database cannot be reached right now (down, restarting, connection
 * lost), as opposed to a bug or bad data. Such errors answer 503 and the pool reconnects by itself.
 */
const UNAVAILABLE_SQLSTATE_PREFIXES = ['08', '57P']; // connection exception; operator intervention (shutdown)
/** A statement that ran out of time (statement_timeout) or could not take its lock: the database is overloaded or stuck. */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '55P03']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'the database system is starting up',
  'the database system is shutting down',
  // The client gave up on a server that did not answer (TimeoutClosingClient then closes the connection).
  'Query read timeout',
  'Client was closed and is not queryable',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (UNAVAILABLE_NODE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE_PREFIXES.some((p) => code.startsWith(p))) return true;
    if (UNAVAILABLE_SQLSTATES.has(code)) return true;
    const message = typeof candidate.message === 'string' ? candidate.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}

/** PostgreSQL's unique_violation (23505), as TypeORM or pg report it. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  return candidate?.code === '23505' || candidate?.driverError?.code === '23505';
}

/** Two transactions waited on each other (deadlock) or could not be serialised: the loser may retry. */
export function isConcurrencyFailure(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.code ?? candidate?.driverError?.code;
  return code === '40P01' || code === '40001';
}
