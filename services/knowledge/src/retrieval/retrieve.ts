import { badRequest } from '@astron/kit/errors';
import type { Database } from '@astron/kit/db';
import { sql } from 'kysely';
import type { RagflowClient } from '../backends/ragflow/index.js';
import type { KnowledgeModels } from '../models.js';
import type { KnowledgeSchema, RetrievalSettings } from '../store/tables.js';
import { loadPassages, type Passage } from './passages.js';
import { rerank } from './rerank.js';
import { loadBases, loadFilterDocuments, type KnowledgeBase } from './scope.js';
import { clamp, searchBuiltinGroup, searchRagflowBases, type Candidate, type Explanation, type SourceSearch } from './sources.js';

export type RetrievalMode = RetrievalSettings['mode'];

export interface RetrieveRequest {
  /** The caller's space, from its service token. */
  spaceId: string;
  kbIds: string[];
  query: string;
  /** Unset settings come from the first base's retrieval settings. */
  topK?: number;
  scoreThreshold?: number;
  mode?: RetrievalMode;
  rerank?: boolean;
  filters?: { documentIds?: string[] };
  explain?: boolean;
}

export interface RetrievedPassage extends Passage {
  score: number;
  explain?: Explanation;
}

export interface Retriever {
  retrieve(request: RetrieveRequest): Promise<RetrievedPassage[]>;
}

export interface RetrieverDependencies {
  db: Database<KnowledgeSchema>;
  models: KnowledgeModels;
  /** null when RAGFLOW_BASE_URL is not set: RAGFlow bases then answer 503. */
  ragflow: RagflowClient | null;
  rerankTimeoutMs?: number;
}

interface Settings {
  topK: number;
  scoreThreshold: number;
  mode: RetrievalMode;
  rerank: boolean;
}

/** How many candidates each list gives to fusion and rerank: enough that fusion has something to reorder. */
const candidateCount = (topK: number) => Math.max(4 * topK, 40);

/**
 * Hybrid retrieval over built-in bases (pgvector + full text) and RAGFlow bases.
 *
 * Built-in bases are grouped by embedding model and vector size, the query embedded once per group; each group
 * gives a vector list (cosine, enabled chunks) and a full-text list (share of the question's words, then
 * ts_rank_cd), each `candidateCount(topK)` long, fused by reciprocal rank (k = 60) in hybrid mode. RAGFlow bases
 * give one list (RAGFlow fuses its own signals). Lists of different sources are then merged by rank: the first of
 * each before the second of any, ties to the higher score. An optional rerank reorders that pool.
 *
 * The score — what scoreThreshold applies to, and what callers show — is a 0..1 measure of relevance that does not
 * depend on the other passages found, so one threshold means the same thing for every query:
 *   - reranked: the rerank model's relevance score;
 *   - vector and hybrid: the cosine similarity of chunk and query (computed for full-text hits too, so a passage
 *     found by words alone is judged by meaning like the rest; a chunk not yet embedded falls back to the share);
 *   - fulltext: the share of the question's distinct words the chunk holds;
 *   - RAGFlow: RAGFlow's similarity (its weighted cosine and term similarity).
 * The fused RRF score orders the results but is no score to threshold: it depends only on ranks (1/61 for a first
 * place whether it is a perfect or a poor match) and its scale depends on how many lists there are.
 */
export function createRetriever(dependencies: RetrieverDependencies): Retriever {
  const { db, models, ragflow } = dependencies;
  const rerankTimeoutMs = dependencies.rerankTimeoutMs ?? 30_000;
  let iterativeScan: Promise<boolean> | undefined;
  /** pgvector 0.8 added iterative index scans; older servers (a PostgreSQL the operator runs) lack them. */
  const supportsIterativeScan = () =>
    (iterativeScan ??= sql<{ version: string }>`select extversion as version from pg_extension where extname = 'vector'`.execute(db.kysely).then((result) => {
      const [major = 0, minor = 0] = (result.rows[0]?.version ?? '0').split('.').map(Number);
      return major > 0 || minor >= 8;
    }));

  /** Reads the text of built-in candidates that do not have it yet; drops any deleted meanwhile. */
  async function withPassages(spaceId: string, candidates: Candidate[]): Promise<(Candidate & { passage: Passage })[]> {
    const passages = await loadPassages(db, spaceId, candidates.filter((candidate) => candidate.passage === null).map((candidate) => candidate.chunkId));
    return candidates.flatMap((candidate) => {
      const passage = candidate.passage ?? passages.get(candidate.chunkId);
      return passage === undefined ? [] : [{ ...candidate, passage }];
    });
  }

  async function reranked(request: RetrieveRequest, bases: KnowledgeBase[], candidates: (Candidate & { passage: Passage })[]): Promise<(Candidate & { passage: Passage })[]> {
    const model = bases.map((each) => each.retrieval.rerankModel).find((each) => typeof each === 'string' && each !== '');
    if (model === undefined || model === null) {
      throw badRequest(`rerank was asked for, but knowledge base ${bases.map((each) => each.id).join(', ')} has no rerank model`, undefined, 'rerank_model_missing');
    }
    const endpoint = await models.rerankEndpoint(request.spaceId, model);
    const scores = await rerank(endpoint, request.query, candidates.map((candidate) => candidate.passage.content), rerankTimeoutMs);
    return candidates
      .map((candidate, index) => {
        const rerankScore = scores[index] ?? null;
        return { ...candidate, score: clamp(rerankScore ?? 0), explain: { ...candidate.explain, rerankScore } };
      })
      .sort((left, right) => (right.explain.rerankScore ?? -1) - (left.explain.rerankScore ?? -1));
  }

  return {
    async retrieve(request) {
      if (request.kbIds.length === 0) throw badRequest('name at least one knowledge base to search', undefined, 'knowledge_base_required');
      const bases = await loadBases(db, request.spaceId, request.kbIds);
      const settings = settingsFor(request, bases[0] as KnowledgeBase);
      const documents = request.filters?.documentIds === undefined ? null : await loadFilterDocuments(db, request.spaceId, bases.map((base) => base.id), request.filters.documentIds);
      const queryVectors = new Map<string, Promise<number[]>>();
      const embed = (model: string) => {
        let vector = queryVectors.get(model);
        if (vector === undefined) {
          vector = models.embedding(request.spaceId, model).then(async (client) => (await client.embed([request.query])).vectors[0] ?? []);
          queryVectors.set(model, vector);
        }
        return vector;
      };
      const search: SourceSearch = { question: request.query, mode: settings.mode, limit: candidateCount(settings.topK), documents };
      const sources = groupBuiltin(bases.filter((base) => base.backend === 'builtin')).map((group) => searchBuiltinGroup(db, group, search, embed, supportsIterativeScan));
      const ragflowBases = bases.filter((base) => base.backend === 'ragflow');
      if (ragflowBases.length > 0) sources.push(searchRagflowBases(db, ragflow, ragflowBases, search));
      const pool = mergeByRank(await Promise.all(sources)).slice(0, search.limit);
      let ranked = settings.rerank ? await reranked(request, bases, await withPassages(request.spaceId, pool)) : pool;
      ranked = ranked.filter((candidate) => candidate.score >= settings.scoreThreshold).slice(0, settings.topK);
      return (await withPassages(request.spaceId, ranked)).map((candidate) => ({
        ...candidate.passage,
        score: candidate.score,
        ...(request.explain === true ? { explain: candidate.explain } : {}),
      }));
    },
  };
}

function settingsFor(request: RetrieveRequest, first: KnowledgeBase): Settings {
  const defaults = first.retrieval;
  return {
    topK: request.topK ?? defaults.topK ?? 5,
    scoreThreshold: request.scoreThreshold ?? defaults.scoreThreshold ?? 0,
    mode: request.mode ?? defaults.mode ?? 'hybrid',
    rerank: request.rerank ?? (defaults.rerankModel !== null && defaults.rerankModel !== undefined),
  };
}

/** Bases whose vectors are comparable: the same embedding model and vector size. */
function groupBuiltin(bases: KnowledgeBase[]): KnowledgeBase[][] {
  const groups = new Map<string, KnowledgeBase[]>();
  for (const base of bases) {
    const key = JSON.stringify([base.embedding_model, base.dimensions]);
    groups.set(key, [...(groups.get(key) ?? []), base]);
  }
  return [...groups.values()];
}

/** Sources' lists merged by rank: every source's first before any second; within a rank, the higher score first. */
function mergeByRank(lists: Candidate[][]): Candidate[] {
  return lists.flat().sort((left, right) => left.rank - right.rank || right.score - left.score);
}
