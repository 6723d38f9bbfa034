import { sql } from 'kysely';
import type { Migration } from '@astron/kit/db';

/**
 * PostgreSQL only: vectors are pgvector (the compose image pgvector/pgvector; PGlite with pglite-pgvector when
 * embedded), full text is a tsvector over `search_text` with the 'simple' configuration (search-text.ts makes the
 * words, so Chinese and English are handled alike without a server-side parser). Vectors of any size share the
 * `embedding` column; each size gets its own HNSW index (vector-index.ts), created when a base first learns it.
 */
export const migrations: Migration[] = [
  {
    name: '0001_knowledge',
    async up(db, dialect) {
      if (dialect !== 'postgres') throw new Error('the knowledge service needs PostgreSQL with pgvector');
      await sql`create extension if not exists vector with schema public`.execute(db);
      await db.schema
        .createTable('knowledge_bases')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('space_id', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('description', 'text', (column) => column.notNull().defaultTo(''))
        .addColumn('backend', 'text', (column) => column.notNull())
        .addColumn('embedding_model', 'text')
        .addColumn('dimensions', 'integer')
        .addColumn('chunking', 'jsonb', (column) => column.notNull())
        .addColumn('retrieval', 'jsonb', (column) => column.notNull())
        .addColumn('ragflow_dataset_id', 'text')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'timestamptz', (column) => column.notNull())
        .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('knowledge_bases_space_name').on('knowledge_bases').columns(['space_id', 'name']).unique().execute();
      await db.schema
        .createTable('documents')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('kb_id', 'text', (column) => column.notNull().references('knowledge_bases.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (column) => column.notNull())
        .addColumn('name', 'text', (column) => column.notNull())
        .addColumn('source', 'text', (column) => column.notNull())
        .addColumn('source_url', 'text')
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('size_bytes', 'bigint', (column) => column.notNull())
        .addColumn('sha256', 'text', (column) => column.notNull())
        .addColumn('storage_key', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('chunk_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('embedded_count', 'integer', (column) => column.notNull().defaultTo(0))
        .addColumn('page_count', 'integer')
        .addColumn('error', 'jsonb')
        .addColumn('metadata', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
        .addColumn('ragflow_document_id', 'text')
        .addColumn('created_by', 'text', (column) => column.notNull())
        .addColumn('created_at', 'timestamptz', (column) => column.notNull())
        .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('documents_kb_created').on('documents').columns(['kb_id', 'created_at']).execute();
      await db.schema
        .createTable('chunks')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('kb_id', 'text', (column) => column.notNull())
        .addColumn('document_id', 'text', (column) => column.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('space_id', 'text', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .addColumn('content', 'text', (column) => column.notNull())
        .addColumn('search_text', 'text', (column) => column.notNull())
        .addColumn('tokens', 'integer', (column) => column.notNull())
        .addColumn('heading_path', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn('page', 'integer')
        .addColumn('page_end', 'integer')
        .addColumn('enabled', 'boolean', (column) => column.notNull().defaultTo(true))
        .addColumn('edited', 'boolean', (column) => column.notNull().defaultTo(false))
        .addColumn('embedding', sql`vector`)
        .addColumn('dimensions', 'integer')
        .addColumn('created_at', 'timestamptz', (column) => column.notNull())
        .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('chunks_document_position').on('chunks').columns(['document_id', 'position']).unique().execute();
      await db.schema.createIndex('chunks_kb').on('chunks').columns(['kb_id']).execute();
      await db.schema.createIndex('chunks_search').on('chunks').using('gin').expression(sql`to_tsvector('simple', search_text)`).execute();
    },
  },
  {
    // The same bytes twice in one base are one document (409 document_exists), also when two uploads race; and
    // the ingestion sweep finds unfinished documents by status.
    name: '0002_documents_content',
    async up(db) {
      await db.schema.createIndex('documents_kb_content').on('documents').columns(['kb_id', 'sha256']).unique().execute();
      await db.schema.createIndex('documents_status').on('documents').columns(['status', 'updated_at']).execute();
    },
  },
];
