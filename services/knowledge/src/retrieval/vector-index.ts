import { sql, type RawBuilder } from 'kysely';
import { qualifiedTable, type Database } from '@astron/kit/db';
import type { KnowledgeSchema } from '../store/tables.js';

/** pgvector's HNSW indexes `vector` up to 2,000 dimensions and `halfvec` (16-bit floats) up to 4,000. */
const MAX_VECTOR = 2_000;
const MAX_HALFVEC = 4_000;
/** Beyond pgvector's types: 16,000 dimensions for a plain `vector`. */
const MAX_DIMENSIONS = 16_000;

/**
 * How vectors of one size are compared. Every size shares the `embedding` column, so each gets a partial expression
 * index on `embedding::vector(N)` over the rows `where dimensions = N`; a query uses the index only when it repeats
 * that exact expression and predicate, hence one place that writes both. Sizes past HNSW's `vector` limit (3,072 of
 * text-embedding-3-large) are indexed as `halfvec`, whose precision is ample for ranking; past 4,000, no index:
 * such queries scan the base's rows exactly.
 */
export interface VectorSpace {
  dimensions: number;
  type: 'vector' | 'halfvec';
  /** `embedding::vector(N)` (or halfvec): the indexed expression. */
  column: RawBuilder<unknown>;
  /** The query's vector in the same type, from its '[x,y,...]' text. */
  literal(vector: number[]): RawBuilder<unknown>;
  /** The partial index's predicate. */
  predicate: RawBuilder<unknown>;
  indexed: boolean;
}

export function vectorSpace(dimensions: number, alias?: string): VectorSpace {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    throw new RangeError(`vectors of ${dimensions} dimensions are not supported (1 to ${MAX_DIMENSIONS})`);
  }
  const typeName = dimensions > MAX_VECTOR && dimensions <= MAX_HALFVEC ? 'halfvec' : 'vector';
  const type = sql.raw(`${typeName}(${dimensions})`);
  const embedding = alias === undefined ? sql.ref('embedding') : sql.ref(`${alias}.embedding`);
  const dimensionsColumn = alias === undefined ? sql.ref('dimensions') : sql.ref(`${alias}.dimensions`);
  return {
    dimensions,
    type: typeName,
    column: sql`(${embedding}::${type})`,
    literal: (vector) => sql`${vectorText(vector)}::${type}`,
    predicate: sql`${dimensionsColumn} = ${sql.lit(dimensions)}`,
    indexed: dimensions <= MAX_HALFVEC,
  };
}

/** pgvector's text form of a vector. */
export function vectorText(vector: number[]): string {
  return `[${vector.join(',')}]`;
}

export function vectorIndexName(dimensions: number): string {
  return `chunks_embedding_${dimensions}`;
}

/**
 * Creates the HNSW index (cosine distance) for vectors of this size unless it exists. Called when a base learns its
 * size from its first vectors, so it runs rarely and always asks the catalog (an index dropped by hand comes back).
 * Concurrent callers (two ingestion workers, two processes) queue on a transaction-scoped advisory lock, so
 * `if not exists` is decided by one at a time instead of racing on the catalog. Sizes past 4,000 get no index.
 */
export async function ensureVectorIndex(db: Database<KnowledgeSchema>, dimensions: number): Promise<void> {
  const space = vectorSpace(dimensions);
  if (!space.indexed) return;
  const operators = sql.raw(`${space.type}_cosine_ops`);
  await db.kysely.transaction().execute(async (transaction) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`knowledge-vector-index:${db.namespace}:${dimensions}`}))`.execute(transaction);
    await sql`create index if not exists ${sql.id(vectorIndexName(dimensions))} on ${qualifiedTable(db, 'chunks')} using hnsw (${space.column} ${operators}) where ${space.predicate}`.execute(transaction);
  });
}
