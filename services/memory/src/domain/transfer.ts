import { sql, type Kysely } from 'kysely';
import type { Database } from '@astron/kit/db';
import { AppError, badRequest } from '@astron/kit/errors';
import type { DatabaseRecord } from '../store/databases-store.js';
import type { MemorySchema } from '../store/tables.js';
import { copyOf, type Environment } from './copies.js';
import { csvLine, parseCsv, type CsvRecord } from './csv.js';
import type { TableView } from './describe.js';
import { unknownColumns } from './errors.js';
import { tableOf } from './rows.js';
import { sqlFailure } from './sql-failures.js';
import { coerceCell, displayRow } from './values.js';

export interface ImportFailure {
  line: number;
  column?: string;
  message: string;
}

export interface ImportResult {
  inserted: number;
  /** Primary keys of the new rows, when the table has a one-column key. */
  ids: unknown[];
  failed: ImportFailure[];
  /** Columns of the file that the database fills itself (an exported id): not imported. */
  ignoredColumns: string[];
}

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const BATCH = 500;
const EXPORT_PAGE = 5_000;

/** The header's columns: known, each once, and every required column present. */
function headerColumns(table: TableView, header: string[], uid: string | null): { columns: string[]; ignored: string[] } {
  const names = header.map((name) => name.trim());
  const duplicated = names.filter((name, index) => names.indexOf(name) !== index);
  if (duplicated.length > 0) throw badRequest(`the CSV header names ${duplicated.join(', ')} more than once`, { columns: duplicated }, 'csv_invalid');
  const unknown = names.filter((name) => !table.columns.some((column) => column.name === name));
  if (unknown.length > 0) throw unknownColumns(table.name, unknown);
  const ignored = names.filter((name) => table.columns.find((column) => column.name === name)!.automatic);
  const columns = names.filter((name) => !ignored.includes(name));
  if (columns.length === 0) throw badRequest('the CSV has no column to import (only columns the database fills itself)', undefined, 'csv_missing_columns');
  const missing = table.columns.filter((column) => column.required && !columns.includes(column.name) && !(column.name === 'uid' && table.userScoped && uid !== null));
  if (missing.length > 0) throw badRequest(`the CSV lacks required column${missing.length > 1 ? 's' : ''} ${missing.map((column) => column.name).join(', ')}`, { columns: missing.map((column) => column.name) }, 'csv_missing_columns');
  if (table.userScoped && !columns.includes('uid') && uid === null) throw new AppError({ code: 'uid_required', status: 400, message: `${table.name} is user scoped: give the end user's uid, or a uid column in the file` });
  return { columns, ignored };
}

async function insertRows(db: Db, schema: string, table: TableView, columns: string[], rows: Row[]): Promise<Row[]> {
  const key = table.columns.find((column) => column.primaryKey)?.name;
  const values = rows.map((row) => sql`(${sql.join(columns.map((column) => sql`${row[column]}`))})`);
  const returning = key === undefined ? sql`returning null as id` : sql`returning ${sql.id(key)} as id`;
  const result = await sql<Row>`insert into ${sql.id(schema, table.name)} (${sql.join(columns.map((column) => sql.id(column)))}) values ${sql.join(values)} ${returning}`.execute(db);
  return result.rows;
}

interface CheckedRecord {
  line: number;
  row: Row;
}

/** Each record's cells checked by their column's kind: the good rows, and the bad cells by line. */
function checkRecords(table: TableView, header: string[], records: CsvRecord[], columns: string[]): { valid: CheckedRecord[]; failed: ImportFailure[] } {
  const failed: ImportFailure[] = [];
  const valid: CheckedRecord[] = [];
  const positions = columns.map((name) => header.findIndex((cell) => cell.trim() === name));
  for (const record of records) {
    if (record.cells.length !== header.length) {
      failed.push({ line: record.line, message: `expected ${header.length} fields, found ${record.cells.length}` });
      continue;
    }
    const row: Row = {};
    const problems = columns.flatMap((name, index) => {
      const column = table.columns.find((candidate) => candidate.name === name)!;
      const coerced = coerceCell(column.type, record.cells[positions[index]!]!);
      if (coerced.ok) row[name] = coerced.value;
      return coerced.ok ? [] : [{ line: record.line, column: name, message: coerced.message }];
    });
    if (problems.length > 0) failed.push(...problems);
    else valid.push({ line: record.line, row });
  }
  return { valid, failed };
}

interface InsertedRows {
  count: number;
  ids: unknown[];
  failed: ImportFailure[];
}

/** Batches in savepoints; a batch the database refuses is inserted row by row, to say which lines failed and why. */
async function insertAll(db: Db, schema: string, table: TableView, columns: string[], valid: CheckedRecord[]): Promise<InsertedRows> {
  const result: InsertedRows = { count: 0, ids: [], failed: [] };
  const keep = (rows: Row[]) => {
    result.count += rows.length;
    result.ids.push(...rows.map((row) => row.id));
  };
  for (let start = 0; start < valid.length; start += BATCH) {
    const batch = valid.slice(start, start + BATCH);
    await sql`savepoint astron_batch`.execute(db);
    try {
      keep(await insertRows(db, schema, table, columns, batch.map((item) => item.row)));
      continue;
    } catch {
      await sql`rollback to savepoint astron_batch`.execute(db);
    }
    for (const item of batch) {
      await sql`savepoint astron_row`.execute(db);
      try {
        keep(await insertRows(db, schema, table, columns, [item.row]));
      } catch (error) {
        await sql`rollback to savepoint astron_row`.execute(db);
        result.failed.push({ line: item.line, message: (error as Error).message });
      }
    }
  }
  return result;
}

/** Imports and exports of a table as CSV (the console's upload and download, the original's upload_data / export_data). */
export function transferDomain(options: { database: Database<MemorySchema>; timeoutMs: number }) {
  const db = options.database.kysely;

  return {
    /**
     * Appends the file's rows. Each cell is checked against its column's kind first; rows with a bad cell, and rows
     * the database refuses (a duplicate, a check), are reported by line and skipped; the others are inserted.
     */
    async importCsv(database: DatabaseRecord, env: Environment, tableName: string, text: string, uid: string | null): Promise<ImportResult> {
      const copy = copyOf(database, env);
      const table = await tableOf(db, copy, tableName);
      const [header, ...records] = parseCsv(text);
      if (header === undefined) throw badRequest('the CSV is empty: it needs a header line naming the columns', undefined, 'csv_empty');
      const { columns, ignored } = headerColumns(table, header.cells, uid);
      const { valid, failed } = checkRecords(table, header.cells, records, columns);
      let inserted: InsertedRows;
      try {
        inserted = await db.transaction().execute(async (transaction) => {
          await sql`select set_config('astron.uid', ${uid ?? ''}, true)`.execute(transaction);
          return insertAll(transaction, copy.schema, table, columns, valid);
        });
      } catch (error) {
        throw sqlFailure(error, options.timeoutMs);
      }
      failed.push(...inserted.failed);
      failed.sort((left, right) => left.line - right.line);
      return { inserted: inserted.count, ids: inserted.ids.filter((id) => id !== null && id !== undefined), failed, ignoredColumns: ignored };
    },

    /** Every row as CSV, the columns in table order, by primary key when there is one. */
    async exportCsv(database: DatabaseRecord, env: Environment, tableName: string): Promise<string> {
      const copy = copyOf(database, env);
      const table = await tableOf(db, copy, tableName);
      const names = table.columns.map((column) => column.name);
      const keys = table.columns.filter((column) => column.primaryKey).map((column) => sql.id(column.name));
      const parts = [csvLine(names)];
      for (let offset = 0; ; offset += EXPORT_PAGE) {
        const order = keys.length === 0 ? sql`` : sql`order by ${sql.join(keys)}`;
        const page = keys.length === 0 ? sql`` : sql`limit ${EXPORT_PAGE} offset ${offset}`;
        const { rows } = await sql<Row>`select * from ${sql.id(copy.schema, table.name)} ${order} ${page}`.execute(db);
        for (const row of rows.map((found) => displayRow(table.columns, found))) parts.push(csvLine(names.map((name) => row[name])));
        if (keys.length === 0 || rows.length < EXPORT_PAGE) break;
      }
      return parts.join('');
    },
  };
}

export type TransferDomain = ReturnType<typeof transferDomain>;
