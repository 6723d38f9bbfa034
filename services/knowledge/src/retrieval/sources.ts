import { AppError } from '@astron/kit/errors';
import type { Database } from '@astron/kit/db';
import type { RagflowClient } from '../backends/ragflow/index.js';
import type { KnowledgeSchema, RetrievalSettings } from '../store/tables.js';
import { textCandidates, vectorCandidates, type QueryVector } from './candidates.js';
import { fuseByRank } from './fusion.js';
import type { Passage } from './passages.js';
import { ragflowHits } from './ragflow-search.js';
import type { FilterDocument, KnowledgeBase } from './scope.js';

/** Why a passage was found: the hit test page shows these. Ranks count from 1; null where a signal had no say. */
export interface Explanation {
  vectorScore: number | null;
  vectorRank: number | null;
  textScore: number | null;
  textRank: number | null;
  fusedScore: number | null;
  rerankScore: number | null;
}

/** A passage found by one source (a group of built-in bases, or RAGFlow), before sources are merged. */
export interface Candidate {
  chunkId: string;
  kbId: string;
  /** Its place in its source's ranking, from 1. */
  rank: number;
  /** 0..1, what the score threshold applies to (retrieve.ts says which measure). */
  score: number;
  explain: Explanation;
  /** RAGFlow hits come with their text; built-in ones are read when needed. */
  passage: Passage | null;
}

export interface SourceSearch {
  question: string;
  mode: RetrievalSettings['mode'];
  /** How many candidates each list gives. */
  limit: number;
  /** Only chunks of these documents, when set. */
  documents: FilterDocument[] | null;
}

export const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * One group of built-in bases sharing an embedding model and vector size: the vector list and the full-text list
 * (one of them in a single mode), fused by reciprocal rank. `embed` gives the query's vector for a model (once per
 * request); `iterativeScan` whether pgvector can scan its index past filtered rows.
 */
export async function searchBuiltinGroup(
  db: Database<KnowledgeSchema>,
  bases: KnowledgeBase[],
  search: SourceSearch,
  embed: (model: string) => Promise<number[]>,
  iterativeScan: () => Promise<boolean>,
): Promise<Candidate[]> {
  const kbIds = bases.map((base) => base.id);
  const documentIds = search.documents?.filter((document) => kbIds.includes(document.kbId)).map((document) => document.id) ?? null;
  if (documentIds?.length === 0) return [];
  const scope = { kbIds, documentIds };
  const [{ embedding_model: model, dimensions }] = bases as [KnowledgeBase];
  let query: QueryVector | null = null;
  if (search.mode !== 'fulltext' && model !== null && dimensions !== null) {
    const vector = await embed(model);
    if (vector.length !== dimensions) {
      throw new AppError({ code: 'embedding_dimensions_changed', status: 409, message: `the embedding model ${model} now answers vectors of ${vector.length} dimensions; knowledge base ${kbIds.join(', ')} holds vectors of ${dimensions}: re-ingest its documents` });
    }
    query = { dimensions, vector };
  }
  const [vectorList, textList] = await Promise.all([
    query === null ? [] : vectorCandidates(db, query, scope, search.limit, await iterativeScan()),
    search.mode === 'vector' ? [] : textCandidates(db, search.question, scope, search.limit, search.mode === 'hybrid' ? query : null),
  ]);
  const byVector = new Map(vectorList.map((hit) => [hit.chunkId, hit]));
  const byText = new Map(textList.map((hit) => [hit.chunkId, hit]));
  const fused = fuseByRank([vectorList.map((hit) => hit.chunkId), textList.map((hit) => hit.chunkId)]);
  return fused.slice(0, search.limit).map(({ id, ranks: [vectorRank = null, textRank = null], score: fusedScore }, index) => {
    const vectorHit = byVector.get(id);
    const textHit = byText.get(id);
    // Full-text hits carry their cosine too (hybrid), so every hybrid passage is judged by meaning.
    const vectorScore = vectorHit?.similarity ?? textHit?.similarity ?? null;
    const textScore = textHit?.coverage ?? null;
    const score = search.mode === 'fulltext' ? (textScore ?? 0) : (vectorScore ?? textScore ?? 0);
    return {
      chunkId: id,
      kbId: vectorHit?.kbId ?? textHit?.kbId ?? '',
      rank: index + 1,
      score: clamp(score),
      explain: { vectorScore, vectorRank, textScore, textRank, fusedScore, rerankScore: null },
      passage: null,
    };
  });
}

/** Bases kept in RAGFlow: one list, RAGFlow's similarity as the score and as its fused score. */
export async function searchRagflowBases(db: Database<KnowledgeSchema>, client: RagflowClient | null, bases: KnowledgeBase[], search: SourceSearch): Promise<Candidate[]> {
  const hits = await ragflowHits(db, client, { bases, question: search.question, limit: search.limit, mode: search.mode, documents: search.documents });
  return hits.map((hit, index) => ({
    chunkId: hit.passage.chunkId,
    kbId: hit.passage.kbId,
    rank: index + 1,
    score: clamp(hit.similarity),
    explain: { vectorScore: null, vectorRank: null, textScore: null, textRank: null, fusedScore: hit.similarity, rerankScore: null },
    passage: hit.passage,
  }));
}
