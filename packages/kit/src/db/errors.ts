import { AppError, unavailable } from '../errors/index.js';

/** True for a duplicate key on either dialect: Postgres 23505, MySQL/MariaDB ER_DUP_ENTRY (1062). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return code === '23505' || code === 'ER_DUP_ENTRY' || errno === 1062;
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  // Postgres: admin shutdown, crash shutdown, cannot connect now, too many connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** True when the server could not be reached or dropped the connection, as opposed to rejecting a statement. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (networkCodes.has(code) || code.startsWith('08'))) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|after calling end on the pool|Pool is closed/i.test(
      message,
    )
  );
}

/** Node's AggregateError (several addresses refused) has an empty message, so fall back to its code. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message !== '') return error.message;
    if (typeof code === 'string') return code;
    return error.name;
  }
  return String(error);
}

export function serverUnavailable(what: string, address: string, error: unknown): AppError {
  return unavailable(`${what} at ${address} is unavailable: ${describeCause(error)}`, error);
}

/** Errors while preparing the namespace: unreachable servers are retryable, anything else (auth, permissions) is not. */
export function setupFailed(what: string, address: string, namespace: string, error: unknown): AppError {
  if (isConnectionError(error)) return serverUnavailable(what, address, error);
  return new AppError({
    code: 'database_setup_failed',
    status: 500,
    message: `cannot prepare namespace "${namespace}" on ${what} at ${address}: ${describeCause(error)}`,
    cause: error,
  });
}
