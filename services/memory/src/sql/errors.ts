import { AppError } from '@astron/kit/errors';

/**
 * Why a statement was refused before it reached the database. Every refusal is a 400 whose code names the rule and
 * whose message names the offending part, so a person (or the model that wrote the SQL) can correct it.
 */
export type RefusalCode =
  | 'sql_empty'
  | 'sql_too_long'
  | 'sql_syntax_error'
  | 'sql_multiple_statements'
  | 'sql_statement_not_allowed'
  | 'sql_read_only'
  | 'sql_schema_not_allowed'
  | 'sql_unknown_table'
  | 'sql_function_not_allowed'
  | 'sql_type_not_allowed'
  | 'sql_construct_not_allowed'
  | 'sql_writable_cte'
  | 'ddl_statement_not_allowed'
  | 'ddl_invalid_name';

export class SqlRefusal extends AppError {
  override readonly code: RefusalCode;

  constructor(code: RefusalCode, message: string, details?: Record<string, unknown>) {
    super({ code, status: 400, message, details });
    this.code = code;
  }
}

export const refuse = (code: RefusalCode, message: string, details?: Record<string, unknown>): never => {
  throw new SqlRefusal(code, message, details);
};

export function isSqlRefusal(error: unknown): error is SqlRefusal {
  return error instanceof SqlRefusal;
}
