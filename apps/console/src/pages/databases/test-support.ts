import type { Database, DatabaseColumn, DatabaseTable } from '../../api/database-types.js';

export function databaseOf(changes: Partial<Database> = {}): Database {
  return {
    id: 7,
    name: 'orders',
    description: 'Shop orders',
    agentId: null,
    schemas: { dev: 'memdb_7_dev', prod: 'memdb_7_prod' },
    createdBy: 'us_1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    publishedAt: null,
    ...changes,
  };
}

const column = (name: string, changes: Partial<DatabaseColumn> = {}): DatabaseColumn => ({
  name,
  type: 'string',
  sqlType: 'text',
  required: false,
  nullable: true,
  default: null,
  description: null,
  primaryKey: false,
  automatic: false,
  ...changes,
});

/** A table as the memory service describes it: the platform's id and created_at, and the given columns. */
export function tableOf(
  name: string,
  columns: DatabaseColumn[] = [column('item'), column('quantity', { type: 'integer', sqlType: 'bigint' })],
): DatabaseTable {
  return {
    name,
    description: null,
    userScoped: false,
    columns: [
      column('id', {
        type: 'integer',
        sqlType: 'bigint',
        primaryKey: true,
        automatic: true,
        nullable: false,
      }),
      ...columns,
      column('created_at', { type: 'time', sqlType: 'timestamptz', automatic: true }),
    ],
  };
}
