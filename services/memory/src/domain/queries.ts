import type { Database } from '@astron/kit/db';
import { badRequest, isAppError } from '@astron/kit/errors';
import type { MemoryLimits } from '../config.js';
import { checkQuery, type QueryKind } from '../sql/check-query.js';
import { parseStatements } from '../sql/parse.js';
import { catalogStore } from '../store/catalog-store.js';
import type { DatabaseRecord } from '../store/databases-store.js';
import type { MemorySchema } from '../store/tables.js';
import { copyOf, type Environment } from './copies.js';
import { uidRequired } from './errors.js';
import { runAsRole } from './executor.js';

export interface QueryRequest {
  sql: string;
  params?: unknown[];
  env: Environment;
  /** The end user a user-scoped table's rows are kept to. */
  uid?: string | null;
  readOnly?: boolean;
  /** At most MEMORY_MAX_ROWS. */
  maxRows?: number;
  /** The original's exec_dml answers an INSERT with the new rows' ids: add RETURNING id when the table has one. */
  returnInsertedIds?: boolean;
}

export interface QueryAnswer {
  command: Uppercase<QueryKind>;
  columns: string[];
  rows: Record<string, unknown>[];
  /** Rows answered, or for INSERT, UPDATE and DELETE without RETURNING the rows they changed. */
  rowCount: number;
  /** More rows than `maxRows` matched; the answer holds the first ones. */
  truncated: boolean;
  elapsedMs: number;
}

/**
 * The text actually run: a SELECT inside `select * from (...) limit n+1`, rows returned by a change inside a
 * WITH, so that no statement answers more than n rows and the answer knows whether there were more. A change's
 * rows are all changed whatever the limit (PostgreSQL runs a WITH's change to completion).
 */
function limitedText(kind: QueryKind, text: string, returning: boolean, maxRows: number): string {
  if (kind === 'select') return `select * from (\n${text}\n) as astron_rows limit ${maxRows + 1}`;
  if (returning) return `with astron_rows as (\n${text}\n) select * from astron_rows limit ${maxRows + 1}`;
  return text;
}

/** The SQL API for agents, workflow database nodes and the console's SQL editor. */
export function queriesDomain(options: { database: Database<MemorySchema>; limits: MemoryLimits }) {
  const db = options.database.kysely;
  const { limits } = options;

  return {
    async run(database: DatabaseRecord, request: QueryRequest): Promise<QueryAnswer> {
      const started = performance.now();
      const copy = copyOf(database, request.env);
      const tables = await catalogStore.tableNames(db, copy.schema);
      const query = checkQuery(request.sql, { schema: copy.schema, tables, readOnly: request.readOnly, maxChars: limits.maxSqlChars });
      const params = request.params ?? [];
      if (params.length !== query.parameterCount) {
        throw badRequest(`the statement uses ${query.parameterCount} parameter${query.parameterCount === 1 ? '' : 's'} ($1 ...) but ${params.length} ${params.length === 1 ? 'was' : 'were'} given`, { expected: query.parameterCount, given: params.length }, 'sql_parameters_mismatch');
      }
      let { text, returning } = query;
      if (request.returnInsertedIds === true && query.kind === 'insert' && !returning && query.target !== undefined) {
        const columns = await catalogStore.columns(db, copy.schema, query.target);
        if (columns.some((column) => column.name === 'id')) {
          text = `${text}\nRETURNING "id"`;
          returning = true;
        }
      }
      const maxRows = Math.min(request.maxRows ?? limits.maxRows, limits.maxRows);
      const runnable = limitedText(query.kind, text, returning, maxRows);
      // The wrapping is text: it must still be one statement (a comment cannot swallow the closing parenthesis).
      if (parseStatements(runnable, Number.MAX_SAFE_INTEGER).length !== 1) throw new Error('the limited statement does not parse as one statement');
      const result = await runAsRole(db, copy, runnable, params, { uid: request.uid ?? null, timeoutMs: limits.statementTimeoutMs }).catch((error: unknown) => {
        // Row level security checks before NOT NULL: without a uid, a user-scoped insert fails its policy.
        if (isAppError(error) && error.code === 'row_scope_violation' && (request.uid ?? null) === null) throw uidRequired(query.target ?? 'this table');
        throw error;
      });
      const truncated = result.rows.length > maxRows;
      const rows = truncated ? result.rows.slice(0, maxRows) : result.rows;
      const answersRows = query.kind === 'select' || returning;
      return {
        command: query.kind.toUpperCase() as Uppercase<QueryKind>,
        columns: Object.keys(rows[0] ?? {}),
        rows: answersRows ? rows : [],
        rowCount: answersRows ? rows.length : (result.affected ?? 0),
        truncated,
        elapsedMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
  };
}

export type QueriesDomain = ReturnType<typeof queriesDomain>;
