import { PLATFORM_COLUMNS, SQL_TYPES, sqlLiteral, type ColumnKind } from './column-types.js';
import { invalidValues, reservedColumn } from './errors.js';
import { coerceValue } from './values.js';

export interface ColumnSpec {
  name: string;
  type: ColumnKind;
  required?: boolean;
  /** A literal value (any JSON value for json columns); null or absent: no default. */
  default?: unknown;
  description?: string | null;
  unique?: boolean;
}

export interface TableSpec {
  name: string;
  description?: string | null;
  userScoped?: boolean;
  columns: ColumnSpec[];
}

export interface ColumnPatch {
  name?: string;
  type?: ColumnKind;
  required?: boolean;
  /** null removes the default. */
  default?: unknown;
  description?: string | null;
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const text = (value: string | null | undefined) => (value === null || value === undefined || value === '' ? 'NULL' : sqlLiteral(value, 'string'));

export function defaultLiteral(column: string, kind: ColumnKind, value: unknown): string {
  const coerced = coerceValue(kind, value);
  if (!coerced.ok) throw invalidValues([{ column, message: `default: ${coerced.message}` }]);
  const literal = coerced.value as string | number | boolean;
  return sqlLiteral(typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean' ? literal : String(literal), kind);
}

function columnSql(column: ColumnSpec): string {
  const parts = [ident(column.name), SQL_TYPES[column.type]];
  if (column.required === true) parts.push('NOT NULL');
  if (column.default !== undefined && column.default !== null) parts.push(`DEFAULT ${defaultLiteral(column.name, column.type, column.default)}`);
  if (column.unique === true) parts.push('UNIQUE');
  return parts.join(' ');
}

function checkNotPlatform(columns: Array<{ name: string }>, userScoped: boolean): void {
  for (const { name } of columns) {
    if ((PLATFORM_COLUMNS as readonly string[]).includes(name)) throw reservedColumn(name, 'the platform adds id, created_at and updated_at to every table');
    if (userScoped && name === 'uid') throw reservedColumn(name, 'a user-scoped table gets its uid column from the platform');
  }
}

/** CREATE TABLE with the platform's columns (id bigserial primary key, created_at, updated_at), and the comments. */
export function createTableSql(spec: TableSpec): string {
  checkNotPlatform(spec.columns, spec.userScoped === true);
  const columns = [`${ident('id')} bigserial PRIMARY KEY`, ...spec.columns.map(columnSql), `${ident('created_at')} timestamptz NOT NULL DEFAULT now()`, `${ident('updated_at')} timestamptz NOT NULL DEFAULT now()`];
  const statements = [`CREATE TABLE ${ident(spec.name)} (\n  ${columns.join(',\n  ')}\n)`];
  if (spec.description !== undefined && spec.description !== null && spec.description !== '') statements.push(`COMMENT ON TABLE ${ident(spec.name)} IS ${text(spec.description)}`);
  for (const column of spec.columns) {
    if (column.description !== undefined && column.description !== null && column.description !== '') statements.push(`COMMENT ON COLUMN ${ident(spec.name)}.${ident(column.name)} IS ${text(column.description)}`);
  }
  return statements.join(';\n');
}

export function addColumnSql(table: string, column: ColumnSpec, userScoped: boolean): string {
  checkNotPlatform([column], userScoped);
  const statements = [`ALTER TABLE ${ident(table)} ADD COLUMN ${columnSql(column)}`];
  if (column.description !== undefined && column.description !== null) statements.push(`COMMENT ON COLUMN ${ident(table)}.${ident(column.name)} IS ${text(column.description)}`);
  return statements.join(';\n');
}

/** The statements of a column change, the rename last so the others can name the column as it was. */
export function alterColumnSql(table: string, column: string, currentKind: ColumnKind, patch: ColumnPatch): string {
  if (patch.name !== undefined && patch.name !== column) checkNotPlatform([{ name: patch.name }], false);
  const target = `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(column)}`;
  const kind = patch.type ?? currentKind;
  const statements: string[] = [];
  if (patch.type !== undefined) statements.push(`${target} TYPE ${SQL_TYPES[patch.type]} USING ${ident(column)}::${SQL_TYPES[patch.type]}`);
  if (patch.default === null) statements.push(`${target} DROP DEFAULT`);
  else if (patch.default !== undefined) statements.push(`${target} SET DEFAULT ${defaultLiteral(column, kind, patch.default)}`);
  if (patch.required !== undefined) statements.push(`${target} ${patch.required ? 'SET' : 'DROP'} NOT NULL`);
  if (patch.description !== undefined) statements.push(`COMMENT ON COLUMN ${ident(table)}.${ident(column)} IS ${text(patch.description)}`);
  if (patch.name !== undefined && patch.name !== column) statements.push(`ALTER TABLE ${ident(table)} RENAME COLUMN ${ident(column)} TO ${ident(patch.name)}`);
  return statements.join(';\n');
}
