/**
 * The column types of the table API, as the console shows them (the original's string, integer, number, boolean,
 * time, plus date, json and uuid), and what each is in PostgreSQL.
 */
export const COLUMN_KINDS = ['string', 'integer', 'number', 'boolean', 'time', 'date', 'json', 'uuid'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export const SQL_TYPES: Readonly<Record<ColumnKind, string>> = {
  string: 'text',
  integer: 'bigint',
  number: 'numeric',
  boolean: 'boolean',
  time: 'timestamptz',
  date: 'date',
  json: 'jsonb',
  uuid: 'uuid',
};

const KIND_OF_TYPE: Readonly<Record<string, ColumnKind>> = {
  text: 'string', varchar: 'string', bpchar: 'string',
  int2: 'integer', int4: 'integer', int8: 'integer',
  numeric: 'number', float4: 'number', float8: 'number',
  bool: 'boolean',
  timestamptz: 'time', timestamp: 'time',
  date: 'date',
  json: 'json', jsonb: 'json',
  uuid: 'uuid',
};

/** The kind of a catalog type name (pg_type.typname); types made by DDL outside these (interval, time) are 'other'. */
export function kindOf(typeName: string): ColumnKind | 'other' {
  return KIND_OF_TYPE[typeName] ?? 'other';
}

/** Columns the table API adds to every table it creates; people cannot define columns of these names there. */
export const PLATFORM_COLUMNS = ['id', 'created_at', 'updated_at'] as const;

/** A SQL literal for a DDL default: E'' quoting escapes both quotes and backslashes, whatever the server's settings. */
export function sqlLiteral(value: string | number | boolean, kind: ColumnKind): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const text = `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
  return kind === 'string' ? text : `${text}::${SQL_TYPES[kind]}`;
}
