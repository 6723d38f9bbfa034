import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate, openDatabase, qualifiedTable, type Database } from '@astron/kit/db';
import { migrations } from './migrations.js';
import type { KnowledgeSchema } from './tables.js';

let db: Database<KnowledgeSchema>;

beforeAll(async () => {
  db = await openDatabase<KnowledgeSchema>({ kind: 'pglite', dataDir: null, namespace: 'knowledge', pool: { maxOpen: 4, maxIdle: 1 } });
  await migrate(db, migrations);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('knowledge schema', () => {
  test('vectors of any size in one column, full text over search_text', async () => {
    const now = new Date();
    await db.kysely.insertInto('knowledge_bases').values({ id: 'kb1', space_id: 's', name: 'n', description: '', backend: 'builtin', embedding_model: null, dimensions: 3, chunking: JSON.stringify({}), retrieval: JSON.stringify({}), ragflow_dataset_id: null, created_by: 'u', created_at: now, updated_at: now }).execute();
    await db.kysely
      .insertInto('documents')
      .values({ id: 'd1', kb_id: 'kb1', space_id: 's', name: 'a.txt', source: 'text', source_url: null, type: 'text', size_bytes: 1, sha256: 'x', storage_key: 'k', status: 'ready', page_count: null, error: null, metadata: '{}', ragflow_document_id: null, created_by: 'u', created_at: now, updated_at: now })
      .execute();
    const chunk = (id: string, position: number, text: string, embedding: string) => ({ id, kb_id: 'kb1', document_id: 'd1', space_id: 's', position, content: text, search_text: text, tokens: 1, heading_path: '[]', page: null, page_end: null, embedding, dimensions: 3, created_at: now, updated_at: now });
    await db.kysely.insertInto('chunks').values([chunk('c1', 0, 'tea with milk', '[1,0,0]'), chunk('c2', 1, 'coffee beans', '[0,1,0]')]).execute();
    const nearest = await sql<{ id: string }>`select id from ${qualifiedTable(db, 'chunks')} order by embedding::vector(3) <=> '[0.9,0.1,0]'::vector(3) limit 1`.execute(db.kysely);
    expect(nearest.rows[0]?.id).toBe('c1');
    const text = await sql<{ id: string }>`select id from ${qualifiedTable(db, 'chunks')} where to_tsvector('simple', search_text) @@ to_tsquery('simple', 'coffee')`.execute(db.kysely);
    expect(text.rows.map((row) => row.id)).toEqual(['c2']);
  });
});
