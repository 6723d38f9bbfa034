import { sql, type RawBuilder } from 'kysely';
import type { Database, SqlDialect } from './types.js';

/**
 * Column types that mean the same on both dialects.
 * - string: short and indexable (Postgres text, MySQL varchar(255)); text: long, not indexable on MySQL.
 * - timestamp: timezone-aware on Postgres (timestamptz); datetime(3) kept in UTC on MySQL (the pool runs in UTC).
 * - boolean: tinyint(1) on MySQL, which the pool reads back as true/false.
 */
export type PortableType =
  'string' | 'text' | 'json' | 'timestamp' | 'bigint' | 'integer' | 'double' | 'boolean';

const typeNames: Record<SqlDialect, Record<PortableType, string>> = {
  postgres: {
    string: 'text',
    text: 'text',
    json: 'jsonb',
    timestamp: 'timestamptz',
    bigint: 'bigint',
    integer: 'integer',
    double: 'double precision',
    boolean: 'boolean',
  },
  mysql: {
    string: 'varchar(255)',
    text: 'mediumtext',
    json: 'json',
    timestamp: 'datetime(3)',
    bigint: 'bigint',
    integer: 'integer',
    double: 'double',
    boolean: 'boolean',
  },
};

export function sqlTypeName(dialect: SqlDialect, type: PortableType): string {
  return typeNames[dialect][type];
}

/** For `addColumn(name, sqlType(dialect, 'json'))` and inside sql`` templates. */
export function sqlType(dialect: SqlDialect, type: PortableType): RawBuilder<unknown> {
  return sql.raw(sqlTypeName(dialect, type));
}

export function jsonColumnType(dialect: SqlDialect): RawBuilder<unknown> {
  return sqlType(dialect, 'json');
}

/**
 * The parameter to write into a JSON column. Both drivers mangle raw values (pg turns arrays into
 * Postgres arrays, mysql2 turns objects into `key = value` lists), so always send text.
 * Reads come back parsed on both dialects.
 */
export function jsonValue(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * `"namespace"."table"` for raw sql`` templates. The query builder qualifies tables itself; raw SQL
 * must not rely on search_path, because embedded PGlite shares one session among all connections.
 */
export function qualifiedTable(db: Pick<Database, 'namespace'>, table: string): RawBuilder<unknown> {
  return sql.id(db.namespace, table);
}
