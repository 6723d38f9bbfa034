import { AppError } from '@astron/kit/errors';

/** Errors of the memory API that are not about a statement's text (those are sql/errors.ts and sql-failures.ts). */

export const databaseNotFound = (id: number | string) => new AppError({ code: 'database_not_found', status: 404, message: `database ${id} not found in this space` });

export const databaseExists = (name: string) => new AppError({ code: 'database_exists', status: 409, message: `the space already has a database named "${name}"` });

export const tableNotFound = (table: string, env: string) => new AppError({ code: 'table_not_found', status: 404, message: `table ${table} not found in the ${env === 'dev' ? 'development' : 'production'} copy` });

export const columnNotFound = (table: string, column: string) => new AppError({ code: 'column_not_found', status: 404, message: `table ${table} has no column ${column}` });

export const rowNotFound = (table: string, id: unknown) => new AppError({ code: 'row_not_found', status: 404, message: `table ${table} has no row ${String(id)}` });

export const unknownColumns = (table: string, columns: string[]) =>
  new AppError({ code: 'unknown_columns', status: 400, message: `table ${table} has no column ${columns.join(', ')}`, details: { columns } });

export const invalidValues = (problems: Array<{ column: string; message: string }>) =>
  new AppError({ code: 'invalid_values', status: 400, message: problems.map((problem) => `${problem.column}: ${problem.message}`).join('; '), details: { problems } });

export const noPrimaryKey = (table: string) =>
  new AppError({ code: 'table_without_primary_key', status: 409, message: `table ${table} has no single-column primary key, so its rows cannot be addressed by id` });

export const reservedColumn = (column: string, why: string) => new AppError({ code: 'reserved_column', status: 400, message: `column name ${column} is reserved: ${why}`, details: { column } });

export const publishFailed = (table: string, reason: string) =>
  new AppError({ code: 'publish_conflict', status: 409, message: `the production rows of table ${table} do not fit its development definition (${reason}); publish with includeData, or fix the rows first`, details: { table } });

export const uidRequired = (table: string) => new AppError({ code: 'uid_required', status: 400, message: `${table} is user scoped: the call needs the end user's uid` });
