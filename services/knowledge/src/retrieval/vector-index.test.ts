import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate, openDatabase, type Database } from '@astron/kit/db';
import { migrations } from '../store/migrations.js';
import type { KnowledgeSchema } from '../store/tables.js';
import { nearestChunks, vectorCandidates } from './candidates.js';
import { seedBase, seedChunks, seedDocument } from './fixtures/seed.js';
import { ensureVectorIndex, vectorIndexName, vectorSpace } from './vector-index.js';

let db: Database<KnowledgeSchema>;

beforeAll(async () => {
  db = await openDatabase<KnowledgeSchema>({ kind: 'pglite', dataDir: null, namespace: 'knowledge', pool: { maxOpen: 4, maxIdle: 1 } });
  await migrate(db, migrations);
}, 60_000);

afterAll(async () => {
  await db?.close();
});

async function indexes(): Promise<{ name: string; definition: string }[]> {
  const result = await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes where schemaname = 'knowledge' and tablename = 'chunks' and indexname like 'chunks_embedding_%' order by indexname`.execute(db.kysely);
  return result.rows;
}

/** A unit vector of `dimensions` leaning towards axis `axis`. */
const unit = (dimensions: number, axis: number, lean = 0.2) => Array.from({ length: dimensions }, (_, index) => (index === axis % dimensions ? 1 : lean / dimensions));

describe('vector index', () => {
  test('one partial HNSW index per size, created once even when asked concurrently', async () => {
    await Promise.all([ensureVectorIndex(db, 8), ensureVectorIndex(db, 8), ensureVectorIndex(db, 8), ensureVectorIndex(db, 3000)]);
    await ensureVectorIndex(db, 8);
    const found = await indexes();
    expect(found.map((index) => index.name)).toEqual([vectorIndexName(3000), vectorIndexName(8)]);
    expect(found[1]?.definition).toMatch(/USING hnsw \(\(\(embedding\)::vector\(8\)\) vector_cosine_ops\) WHERE \(dimensions = 8\)/);
    // Past pgvector's 2,000-dimension HNSW limit for vector, the index is over halfvec.
    expect(found[0]?.definition).toMatch(/halfvec\(3000\)\) halfvec_cosine_ops\) WHERE \(dimensions = 3000\)/);
    expect(vectorSpace(5000).indexed).toBe(false);
    expect(() => vectorSpace(0)).toThrow(RangeError);
  });

  test('the retrieval query uses the index for its size, and an iterative scan fills top K past filtered rows', async () => {
    await seedBase(db, { id: 'kb_big', spaceId: 's', dimensions: 8 });
    await seedDocument(db, { id: 'd_big', kbId: 'kb_big', spaceId: 's', name: 'big.txt' });
    // 500 chunks close to axis 0, all disabled, and 100 enabled ones further away.
    const near = Array.from({ length: 500 }, (_, index) => ({ id: `near_${index}`, documentId: 'd_big', content: `near ${index}`, vector: unit(8, 0, (index % 50) / 100), enabled: false }));
    const far = Array.from({ length: 100 }, (_, index) => ({ id: `far_${index}`, documentId: 'd_big', content: `far ${index}`, vector: unit(8, 1 + (index % 7), 1 + (index % 10) / 10) }));
    await seedChunks(db, { id: 'kb_big', spaceId: 's' }, [...near, ...far]);
    await sql`analyze ${sql.id('knowledge', 'chunks')}`.execute(db.kysely);

    const query = { dimensions: 8, vector: unit(8, 0) };
    const scope = { kbIds: ['kb_big'], documentIds: null };
    const explain = await db.kysely.transaction().execute(async (transaction) => {
      // With a few hundred rows the planner may rightly prefer an exact scan; forbid it to see the index is usable.
      await sql`set local enable_seqscan = off`.execute(transaction);
      const result = await sql<{ 'QUERY PLAN': string }>`explain ${nearestChunks(db, query, scope, 5)}`.execute(transaction);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(explain).toContain(`Index Scan using ${vectorIndexName(8)}`);

    const nearest = (iterative: boolean) =>
      db.kysely.transaction().execute(async (transaction) => {
        await sql`set local enable_seqscan = off`.execute(transaction);
        if (iterative) await sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true)`.execute(transaction);
        return (await nearestChunks(db, query, scope, 5).execute(transaction)).rows;
      });
    // A plain HNSW scan reads its ef_search (40) nearest entries, all disabled, and comes back short.
    expect((await nearest(false)).length).toBeLessThan(5);
    const hits = await nearest(true);
    expect(hits).toHaveLength(5);
    expect(hits.every((hit) => hit.id.startsWith('far_'))).toBe(true);
    const distances = hits.map((hit) => Number(hit.distance));
    expect(distances).toEqual([...distances].sort((left, right) => left - right));
    const viaRetrieval = await vectorCandidates(db, query, scope, 5, true);
    expect(viaRetrieval).toHaveLength(5);
    expect(viaRetrieval.every((hit) => hit.chunkId.startsWith('far_') && hit.kbId === 'kb_big')).toBe(true);
  });
});
