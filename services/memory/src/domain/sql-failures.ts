import { AppError, isAppError, unavailable } from '@astron/kit/errors';

interface PostgresError {
  code: string;
  message: string;
  severity?: string;
  position?: string;
  detail?: string;
  table?: string;
  column?: string;
  constraint?: string;
}

function isPostgresError(error: unknown): error is PostgresError {
  const value = error as Partial<PostgresError> | null;
  return typeof value === 'object' && value !== null && typeof value.code === 'string' && /^[0-9A-Z]{5}$/.test(value.code) && typeof value.message === 'string';
}

const failure = (status: number, code: string, message: string, error: PostgresError) =>
  new AppError({
    status,
    code,
    message,
    cause: error,
    details: {
      sqlState: error.code,
      ...(error.position === undefined ? {} : { position: Number(error.position) }),
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.table === undefined ? {} : { table: error.table }),
      ...(error.column === undefined ? {} : { column: error.column }),
      ...(error.constraint === undefined ? {} : { constraint: error.constraint }),
    },
  });

/**
 * What the database said about a statement, as an answer for the person or model that wrote it: the server's own
 * message (it names the column, constraint or value), a code by kind, and the SQLSTATE in the details. Errors
 * that are not the statement's fault stay as they are (a lost connection is a 503, anything else a 500).
 */
export function sqlFailure(error: unknown, timeoutMs: number): unknown {
  if (isAppError(error) || !isPostgresError(error)) return error;
  const { code } = error;
  if (code === '57014') return failure(400, 'sql_timeout', `the statement ran longer than ${timeoutMs} ms (MEMORY_STATEMENT_TIMEOUT_MS) and was cancelled`, error);
  if (code === '23502' && error.column === 'uid') return failure(400, 'uid_required', `${error.table ?? 'this table'} is user scoped: the call needs the end user's uid`, error);
  if (code === '42501' && /row-level security/i.test(error.message)) return failure(403, 'row_scope_violation', `${error.message}: a user-scoped table takes only rows of the current uid`, error);
  if (code === '42501') return failure(403, 'sql_permission_denied', error.message, error);
  if (code === '23505') return failure(409, 'sql_unique_violation', error.message, error);
  if (code === '23503') return failure(409, 'sql_foreign_key_violation', error.message, error);
  if (code.startsWith('23')) return failure(400, 'sql_constraint_violation', error.message, error);
  if (code === '42P07' || code === '42701' || code === '42710' || code === '42P06') return failure(409, 'sql_object_exists', error.message, error);
  if (code === '2BP01') return failure(409, 'sql_dependent_objects', `${error.message}${error.detail === undefined ? '' : ` (${error.detail})`}`, error);
  if (code.startsWith('42') || code === '0A000' || code.startsWith('22')) return failure(400, code.startsWith('22') ? 'sql_invalid_value' : 'sql_invalid', error.message, error);
  if (code.startsWith('08') || code === '57P01' || code === '57P03') return unavailable(`the database is unavailable: ${error.message}`, error);
  return error;
}
