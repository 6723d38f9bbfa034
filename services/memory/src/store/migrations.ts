import { sql } from 'kysely';
import type { Migration } from '@astron/kit/db';

/**
 * The service's own metadata, in schema `memory`: which databases exist, whose space they belong to, and the
 * schemas holding their development and production copies. Tables, columns and rows live in those schemas; the
 * PostgreSQL catalog is the one description of them (no second copy to drift).
 */
export const migrations: Migration[] = [
  {
    name: '0001_databases',
    async up(db, dialect) {
      if (dialect !== 'postgres') throw new Error('the memory service needs PostgreSQL');
      await db.schema
        .createTable('databases')
        .addColumn('id', 'bigint', (column) => column.primaryKey())
        .addColumn('space_id', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('agent_id', 'text')
        .addColumn('dev_schema', 'text', (column) => column.notNull().unique())
        .addColumn('prod_schema', 'text', (column) => column.notNull().unique())
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn('published_at', 'timestamptz')
        .execute();
      await db.schema.createIndex('databases_space_name').on('databases').columns(['space_id', 'name']).unique().execute();
      await db.schema.createIndex('databases_space_agent').on('databases').columns(['space_id', 'agent_id']).execute();
    },
  },
];
