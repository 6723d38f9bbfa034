import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '@astron/kit/db';
import { badRequest } from '@astron/kit/errors';
import type { DatabaseRecord } from '../store/databases-store.js';
import type { MemorySchema } from '../store/tables.js';
import { copyOf, type Copy, type Environment } from './copies.js';
import { describeTables, type TableView } from './describe.js';
import { invalidValues, noPrimaryKey, rowNotFound, tableNotFound, unknownColumns } from './errors.js';
import { sqlFailure } from './sql-failures.js';
import { coerceValue, displayRow } from './values.js';

export const FILTER_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'like', 'ilike', 'in', 'null', 'notnull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface RowFilter {
  column: string;
  op: FilterOperator;
  value?: unknown;
}

export interface RowsQuery {
  filters?: RowFilter[];
  sort?: Array<{ column: string; direction: 'asc' | 'desc' }>;
  limit?: number;
  offset?: number;
}

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const COMPARISONS: Partial<Record<FilterOperator, string>> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=', like: 'like', ilike: 'ilike' };

export async function tableOf(db: Db, copy: Copy, table: string): Promise<TableView> {
  const [found] = await describeTables(db, copy.schema, table);
  if (found === undefined) throw tableNotFound(table, copy.env);
  return found;
}

export function primaryKeyOf(table: TableView): string {
  const keys = table.columns.filter((column) => column.primaryKey);
  if (keys.length !== 1) throw noPrimaryKey(table.name);
  return keys[0]!.name;
}

/** Values a person gives for a row: known, writable columns, each value of the column's kind. */
export function checkedValues(table: TableView, values: Row): Row {
  const unknown = Object.keys(values).filter((name) => !table.columns.some((column) => column.name === name));
  if (unknown.length > 0) throw unknownColumns(table.name, unknown);
  const problems: Array<{ column: string; message: string }> = [];
  const checked: Row = {};
  for (const [name, value] of Object.entries(values)) {
    const column = table.columns.find((candidate) => candidate.name === name)!;
    if (column.automatic) problems.push({ column: name, message: 'filled automatically by the database' });
    const coerced = coerceValue(column.type, value);
    if (!coerced.ok) problems.push({ column: name, message: coerced.message });
    else checked[name] = coerced.value;
  }
  if (problems.length > 0) throw invalidValues(problems);
  return checked;
}

function condition(table: TableView, filter: RowFilter): RawBuilder<unknown> {
  const column = table.columns.find((candidate) => candidate.name === filter.column);
  if (column === undefined) throw unknownColumns(table.name, [filter.column]);
  const target = sql.id(column.name);
  if (filter.op === 'null') return sql`${target} is null`;
  if (filter.op === 'notnull') return sql`${target} is not null`;
  if (filter.op === 'in') {
    if (!Array.isArray(filter.value)) throw badRequest(`filter on ${column.name}: "in" takes an array of values`, undefined, 'invalid_filter');
    const values: unknown[] = filter.value;
    return sql`${target} = any(${values.map((value) => (column.type === 'json' ? JSON.stringify(value) : value))})`;
  }
  const value = column.type === 'json' ? JSON.stringify(filter.value) : filter.value;
  return sql`${target} ${sql.raw(COMPARISONS[filter.op]!)} ${value}`;
}

/** The console's data browser: rows of a copy's table, read and written by the service (it sees every end user's rows). */
export function rowsDomain(options: { database: Database<MemorySchema>; maxRows: number; timeoutMs: number }) {
  const db = options.database.kysely;
  async function failing<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw sqlFailure(error, options.timeoutMs);
    }
  }

  return {
    async query(database: DatabaseRecord, env: Environment, tableName: string, query: RowsQuery): Promise<{ rows: Row[]; total: number; limit: number; offset: number }> {
      const copy = copyOf(database, env);
      const table = await tableOf(db, copy, tableName);
      const conditions = (query.filters ?? []).map((filter) => condition(table, filter));
      const where = conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`;
      const sort = (query.sort ?? []).map((item) => {
        if (!table.columns.some((column) => column.name === item.column)) throw unknownColumns(table.name, [item.column]);
        return sql`${sql.id(item.column)} ${sql.raw(item.direction === 'desc' ? 'desc' : 'asc')}`;
      });
      const keys = table.columns.filter((column) => column.primaryKey).map((column) => sql`${sql.id(column.name)} asc`);
      const order = [...sort, ...keys];
      const orderBy = order.length === 0 ? sql`` : sql`order by ${sql.join(order)}`;
      const limit = Math.min(query.limit ?? 20, options.maxRows);
      const offset = query.offset ?? 0;
      return failing(async () => {
        const rows = await sql<Row>`select * from ${sql.id(copy.schema, table.name)} ${where} ${orderBy} limit ${limit} offset ${offset}`.execute(db);
        const count = await sql<{ total: number }>`select count(*)::int as total from ${sql.id(copy.schema, table.name)} ${where}`.execute(db);
        return { rows: rows.rows.map((row) => displayRow(table.columns, row)), total: count.rows[0]?.total ?? 0, limit, offset };
      });
    },

    async insert(database: DatabaseRecord, env: Environment, tableName: string, rows: Row[]): Promise<Row[]> {
      const copy = copyOf(database, env);
      const table = await tableOf(db, copy, tableName);
      const checked = rows.map((row) => checkedValues(table, row));
      const columns = [...new Set(checked.flatMap((row) => Object.keys(row)))];
      const values = checked.map((row) => sql`(${sql.join(columns.map((column) => (column in row ? sql`${row[column]}` : sql`default`)))})`);
      const statement =
        columns.length === 0
          ? sql<Row>`insert into ${sql.id(copy.schema, table.name)} default values returning *`
          : sql<Row>`insert into ${sql.id(copy.schema, table.name)} (${sql.join(columns.map((column) => sql.id(column)))}) values ${sql.join(values)} returning *`;
      return failing(async () => (await statement.execute(db)).rows.map((row) => displayRow(table.columns, row)));
    },

    async update(database: DatabaseRecord, env: Environment, tableName: string, id: unknown, values: Row): Promise<Row> {
      const copy = copyOf(database, env);
      const table = await tableOf(db, copy, tableName);
      const key = primaryKeyOf(table);
      const checked = checkedValues(table, values);
      if (table.columns.some((column) => column.name === 'updated_at') && !('updated_at' in checked)) checked.updated_at = new Date();
      if (Object.keys(checked).length === 0) throw badRequest('nothing to change: give at least one column', undefined, 'nothing_to_change');
      const assignments = Object.entries(checked).map(([column, value]) => sql`${sql.id(column)} = ${value}`);
      const [row] = await failing(async () => (await sql<Row>`update ${sql.id(copy.schema, table.name)} set ${sql.join(assignments)} where ${sql.id(key)} = ${id} returning *`.execute(db)).rows);
      if (row === undefined) throw rowNotFound(table.name, id);
      return displayRow(table.columns, row);
    },

    async remove(database: DatabaseRecord, env: Environment, tableName: string, ids: unknown[]): Promise<number> {
      const copy = copyOf(database, env);
      const table = await tableOf(db, copy, tableName);
      const key = primaryKeyOf(table);
      const result = await failing(() => sql`delete from ${sql.id(copy.schema, table.name)} where ${sql.id(key)} = any(${ids})`.execute(db));
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

export type RowsDomain = ReturnType<typeof rowsDomain>;
