import type { Kysely } from 'kysely';
import { catalogStore, type CatalogColumn } from '../store/catalog-store.js';
import { kindOf, type ColumnKind } from './column-types.js';

export interface ColumnView {
  name: string;
  /** The table API's kind, or 'other' for a type made by DDL outside them. */
  type: ColumnKind | 'other';
  sqlType: string;
  /** A value must be given: NOT NULL, without a default, not filled by the database. */
  required: boolean;
  nullable: boolean;
  default: string | null;
  description: string | null;
  primaryKey: boolean;
  /** Filled by the database (serial, identity, generated): not written by people or imports. */
  automatic: boolean;
}

export interface TableView {
  name: string;
  description: string | null;
  /** Rows belong to end users: statements see and write only the rows of the uid they run for. */
  userScoped: boolean;
  columns: ColumnView[];
}

export function columnView(column: CatalogColumn): ColumnView {
  const automatic = column.automatic || column.generated;
  return {
    name: column.name,
    type: kindOf(column.typeName),
    sqlType: column.sqlType,
    required: column.notNull && column.defaultValue === null && !automatic,
    nullable: !column.notNull,
    default: automatic ? null : column.defaultValue,
    description: column.description,
    primaryKey: column.primaryKey,
    automatic,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function describeTables(db: Kysely<any>, schema: string, only?: string): Promise<TableView[]> {
  const tables = (await catalogStore.tables(db, schema)).filter((table) => only === undefined || table.name === only);
  const columns = await catalogStore.columns(db, schema, only);
  return tables.map((table) => ({ ...table, columns: columns.filter((column) => column.table === table.name).map(columnView) }));
}

const comment = (text: string | null) => (text === null || text === '' ? '' : ` -- ${text.replace(/\s+/g, ' ')}`);

/**
 * The tables as a model reads them best: CREATE TABLE statements with the comments people wrote, and a note on
 * user-scoped tables (the platform filters their rows; statements must not filter or fill `uid` themselves).
 */
export function describeForPrompt(tables: TableView[]): string {
  if (tables.length === 0) return '-- this database has no tables';
  return tables
    .map((table) => {
      const lines = table.columns.map((column, index) => {
        const parts = [`  ${column.name} ${column.sqlType}`];
        if (column.primaryKey) parts.push('PRIMARY KEY');
        else if (!column.nullable) parts.push('NOT NULL');
        if (column.automatic) parts.push('-- filled automatically');
        const separator = index < table.columns.length - 1 ? ',' : '';
        return `${parts.join(' ')}${separator}${column.automatic ? '' : comment(column.description)}`;
      });
      const scoped = table.userScoped ? '\n-- user scoped: only the current user\'s rows are visible; uid is filled automatically' : '';
      return `CREATE TABLE ${table.name} (${comment(table.description)}\n${lines.join('\n')}\n);${scoped}`;
    })
    .join('\n\n');
}
