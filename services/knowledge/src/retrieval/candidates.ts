import { sql, type RawBuilder } from 'kysely';
import { qualifiedTable, type Database } from '@astron/kit/db';
import type { KnowledgeSchema } from '../store/tables.js';
import { queryWords, quotedLexeme, searchQuery } from './search-text.js';
import { vectorSpace } from './vector-index.js';

/** Which chunks a search may return: enabled ones of these bases, optionally of these documents only. */
export interface ChunkScope {
  kbIds: string[];
  documentIds: string[] | null;
}

export interface VectorCandidate {
  chunkId: string;
  kbId: string;
  /** Cosine similarity to the query, 1 − cosine distance. */
  similarity: number;
}

export interface TextCandidate {
  chunkId: string;
  kbId: string;
  /** The share of the question's distinct words the chunk holds, 0..1. */
  coverage: number;
  /** Cosine similarity to the query when a query vector was given and the chunk is embedded. */
  similarity: number | null;
}

/** The query's vector, in the vector space (size) of the bases searched. */
export interface QueryVector {
  dimensions: number;
  vector: number[];
}

function scopeFilter(scope: ChunkScope): RawBuilder<unknown> {
  const documents = scope.documentIds === null ? sql`` : sql` and c.document_id = any(${scope.documentIds}::text[])`;
  return sql`c.kb_id = any(${scope.kbIds}::text[]) and c.enabled${documents}`;
}

/**
 * The chunks nearest the query vector, best first. The order by repeats the index's expression and the where its
 * predicate (vector-index.ts), so the size's HNSW index answers it. A filter by base or document would leave an HNSW
 * scan short of `limit` rows (it reads ef_search entries, then filters); where pgvector has iterative scans (0.8+) the
 * scan goes on until `limit` rows pass, in relaxed order, so the rows are sorted again by distance.
 */
export async function vectorCandidates(db: Database<KnowledgeSchema>, query: QueryVector, scope: ChunkScope, limit: number, iterativeScan: boolean): Promise<VectorCandidate[]> {
  const rows = await db.kysely.transaction().execute(async (transaction) => {
    if (iterativeScan) {
      const efSearch = String(Math.min(1_000, Math.max(40, limit)));
      await sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ${efSearch}, true)`.execute(transaction);
    }
    return (await nearestChunks(db, query, scope, limit).execute(transaction)).rows;
  });
  return rows.map((row) => ({ chunkId: row.id, kbId: row.kb_id, similarity: 1 - Number(row.distance) }));
}

/** The statement of vectorCandidates (exported so a test can EXPLAIN it). */
export function nearestChunks(db: Database<KnowledgeSchema>, query: QueryVector, scope: ChunkScope, limit: number) {
  const space = vectorSpace(query.dimensions, 'c');
  const distance = sql`${space.column} <=> ${space.literal(query.vector)}`;
  return sql<{ id: string; kb_id: string; distance: number }>`
    with nearest as materialized (
      select c.id, c.kb_id, ${distance} as distance
      from ${qualifiedTable(db, 'chunks')} c
      where ${space.predicate} and c.embedding is not null and ${scopeFilter(scope)}
      order by ${distance}
      limit ${limit}
    )
    select id, kb_id, distance from nearest order by distance, id`;
}

/**
 * The chunks holding the most of the question's words (OR of its words, so a passage needs only one). They are
 * ranked by the share of the question's distinct words they hold, then by ts_rank_cd (cover density: the words near
 * each other, and more often). The share comes first because ts_rank_cd alone lets a passage repeating one common
 * word outrank one holding every word of the question once.
 */
export async function textCandidates(db: Database<KnowledgeSchema>, question: string, scope: ChunkScope, limit: number, query: QueryVector | null): Promise<TextCandidate[]> {
  const tsquery = searchQuery(question);
  const words = queryWords(question);
  if (tsquery === null) return [];
  let similarity: RawBuilder<unknown> = sql`null::float8`;
  if (query !== null) {
    const space = vectorSpace(query.dimensions, 'c');
    similarity = sql`case when ${space.predicate} and c.embedding is not null then 1 - (${space.column} <=> ${space.literal(query.vector)}) end`;
  }
  const found = sql.join(
    words.map((word) => sql`(t.vector @@ ${quotedLexeme(word)}::tsquery)::int`),
    sql` + `,
  );
  // The where repeats the GIN index's expression. The lateral's `offset 0` keeps the planner from inlining it: each
  // use would parse search_text again (the share tests every word), 25 times slower on matches of common words.
  const result = await sql<{ id: string; kb_id: string; coverage: number; similarity: number | null }>`
    select c.id, c.kb_id, ${similarity} as similarity, (${found})::float8 / ${words.length} as coverage
    from ${qualifiedTable(db, 'chunks')} c
    cross join to_tsquery('simple', ${tsquery}) q
    cross join lateral (select to_tsvector('simple', c.search_text) as vector offset 0) t
    where to_tsvector('simple', c.search_text) @@ q and ${scopeFilter(scope)}
    order by coverage desc, ts_rank_cd(t.vector, q) desc, c.id
    limit ${limit}`.execute(db.kysely);
  return result.rows.map((row) => ({ chunkId: row.id, kbId: row.kb_id, coverage: Number(row.coverage), similarity: row.similarity === null ? null : Number(row.similarity) }));
}
