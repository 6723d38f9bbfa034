import { ownedDataset } from './datasets.js';
import { flaskJson, ok, refuse, retCode } from './envelope.js';
import type { Envelope } from './envelope.js';
import type { Route, RouteInput } from './route.js';
import { createScorer, highlight, words } from './scoring.js';
import type { ChunkScore } from './scoring.js';
import type { FakeChunk, FakeDataset, FakeDocument } from './state.js';

function numberParameter(body: Record<string, unknown>, name: string, fallback: number): number {
  const value = body[name];
  return value === undefined || value === null ? fallback : Number(value);
}

/** The datasets named by `dataset_ids`, with RAGFlow's refusals for a missing or foreign one. */
function searchedDatasets(input: RouteInput, body: Record<string, unknown>): FakeDataset[] {
  const ids = body.dataset_ids;
  if (ids === undefined || ids === null || (Array.isArray(ids) && ids.length === 0)) {
    refuse(retCode.data, '`dataset_ids` is required.');
  }
  if (!Array.isArray(ids)) refuse(retCode.data, '`dataset_ids` should be a list');
  const datasets = ids.map((id) => ownedDataset(input.state, String(id)));
  const models = new Set(datasets.map((dataset) => dataset.embeddingModel.split('@')[0]));
  if (models.size !== 1) refuse(retCode.data, 'Datasets use different embedding models."');
  return datasets;
}

/** The documents searched: all of the datasets', or the `document_ids` among them. */
function searchedDocuments(datasets: FakeDataset[], body: Record<string, unknown>): FakeDocument[] {
  const all = datasets.flatMap((dataset) => [...dataset.documents.values()]);
  const ids = body.document_ids ?? [];
  if (!Array.isArray(ids)) refuse(retCode.data, '`documents` should be a list');
  for (const id of ids) {
    if (!all.some((document) => document.id === id)) {
      refuse(retCode.data, `The datasets don't own the document ${String(id)}`);
    }
  }
  return ids.length === 0 ? all : all.filter((document) => ids.includes(document.id));
}

interface Candidate extends ChunkScore {
  chunk: FakeChunk;
  document: FakeDocument;
}

function chunkView(candidate: Candidate, withHighlight: boolean): Record<string, unknown> {
  const { chunk, document } = candidate;
  return {
    content: chunk.content,
    content_ltks: words(chunk.content).join(' '),
    dataset_id: document.datasetId,
    doc_type_kwd: '',
    document_id: document.id,
    document_keyword: document.name,
    id: chunk.id,
    image_id: '',
    important_keywords: [],
    positions: [],
    similarity: candidate.similarity,
    term_similarity: candidate.termSimilarity,
    vector_similarity: candidate.vectorSimilarity,
    ...(withHighlight ? { highlight: highlight(chunk.content, candidate.matched) } : {}),
  };
}

/** RAGFlow's `doc_aggs`: how many of the returned chunks each document gave, most first. */
function documentCounts(candidates: Candidate[]): { doc_name: string; doc_id: string; count: number }[] {
  const counts = new Map<FakeDocument, number>();
  for (const { document } of candidates) counts.set(document, (counts.get(document) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([, left], [, right]) => right - left)
    .map(([document, count]) => ({ doc_name: document.name, doc_id: document.id, count }));
}

/**
 * `POST /api/v1/retrieval` as RAGFlow's `retrieval_test` and `Dealer.retrieval` answer it: the `top_k`
 * chunks nearest by vector are the candidates, ranked by the hybrid similarity, cut at
 * `similarity_threshold`, then paged by `page` and `page_size`.
 */
function retrieve(input: RouteInput): Envelope {
  const body = flaskJson(input.body);
  const datasets = searchedDatasets(input, body);
  if (!('question' in body)) refuse(retCode.data, '`question` is required.');
  const documents = searchedDocuments(datasets, body);
  const question = typeof body.question === 'string' ? body.question : JSON.stringify(body.question ?? '');
  if (question === '') return ok({ total: 0, chunks: [], doc_aggs: {} });
  const page = numberParameter(body, 'page', 1);
  const pageSize = numberParameter(body, 'page_size', 30);
  const threshold = numberParameter(body, 'similarity_threshold', 0.2);
  const topK = numberParameter(body, 'top_k', 1024);
  // Only the strings turn highlighting off in RAGFlow; a JSON `false` leaves it on.
  const withHighlight = body.highlight !== 'false' && body.highlight !== 'False';

  const score = createScorer(question, numberParameter(body, 'vector_similarity_weight', 0.3));
  const candidates: Candidate[] = documents
    .flatMap((document) => document.chunks.map((chunk) => ({ chunk, document, ...score(chunk) })))
    .sort((left, right) => right.vectorSimilarity - left.vectorSimilarity)
    .slice(0, topK);
  const passing = candidates
    .filter((candidate) => candidate.similarity >= threshold)
    .sort((left, right) => right.similarity - left.similarity);
  const pageItems = passing.slice((page - 1) * pageSize, page * pageSize);
  return ok({
    total: passing.length,
    chunks: pageItems.map((candidate) => chunkView(candidate, withHighlight)),
    doc_aggs: documentCounts(pageItems),
  });
}

export const retrievalRoutes: Route[] = [
  { method: 'POST', pattern: /^\/api\/v1\/retrieval$/, handle: retrieve },
];
