import { AppError } from '@astron/kit/errors';
import type { Database } from '@astron/kit/db';
import type { RagflowClient } from '../backends/ragflow/index.js';
import type { KnowledgeSchema, RetrievalSettings } from '../store/tables.js';
import type { Passage } from './passages.js';
import type { FilterDocument, KnowledgeBase } from './scope.js';

export interface RagflowHit {
  passage: Passage;
  /** RAGFlow's own hybrid similarity (weighted cosine and term similarity), 0..1. */
  similarity: number;
}

/**
 * RAGFlow weighs its vector similarity against its term similarity; our modes choose the weight: all vector, all
 * text, or the client's default (the original's 0.2) for hybrid.
 */
const vectorWeights: Record<RetrievalSettings['mode'], number | undefined> = { vector: 1, fulltext: 0, hybrid: undefined };

/**
 * Passages of bases kept in RAGFlow, best first, in one retrieval over all their datasets (RAGFlow ranks them
 * together). No threshold is sent: the caller applies it after fusion and rerank, to the score it answers.
 */
export async function ragflowHits(
  db: Database<KnowledgeSchema>,
  client: RagflowClient | null,
  request: { bases: KnowledgeBase[]; question: string; limit: number; mode: RetrievalSettings['mode']; documents: FilterDocument[] | null },
): Promise<RagflowHit[]> {
  const { bases } = request;
  if (client === null) {
    throw new AppError({ code: 'ragflow_not_configured', status: 503, message: `knowledge base ${bases[0]?.id} lives in RAGFlow, but RAGFLOW_BASE_URL is not set` });
  }
  const kbOfDataset = new Map(bases.flatMap((base) => (base.ragflow_dataset_id === null ? [] : [[base.ragflow_dataset_id, base.id] as const])));
  const kbIds = new Set(bases.map((base) => base.id));
  const documentIds = request.documents?.filter((document) => kbIds.has(document.kbId) && document.ragflowDocumentId !== null).map((document) => document.ragflowDocumentId as string);
  if (kbOfDataset.size === 0 || documentIds?.length === 0) return [];
  const passages = await client.retrieve({
    question: request.question,
    datasetIds: [...kbOfDataset.keys()],
    topK: request.limit,
    scoreThreshold: 0,
    ...(documentIds === undefined ? {} : { documentIds }),
    ...(vectorWeights[request.mode] === undefined ? {} : { vectorSimilarityWeight: vectorWeights[request.mode] }),
  });
  const ourDocuments = await documentsByRagflowId(db, [...kbIds], passages.map((passage) => passage.documentId));
  return passages.flatMap((passage) => {
    const kbId = kbOfDataset.get(passage.datasetId);
    if (kbId === undefined) return [];
    const found: Passage = {
      chunkId: passage.chunkId,
      kbId,
      documentId: ourDocuments.get(passage.documentId) ?? passage.documentId,
      documentName: passage.documentName,
      content: passage.content,
      position: null,
      page: passage.position?.page ?? null,
      headingPath: [],
    };
    return [{ passage: found, similarity: passage.score }];
  });
}

/** Our ids of documents RAGFlow names by its own; a document added in RAGFlow directly keeps RAGFlow's id. */
async function documentsByRagflowId(db: Database<KnowledgeSchema>, kbIds: string[], ragflowIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ragflowIds)];
  if (unique.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('documents').select(['id', 'ragflow_document_id']).where('kb_id', 'in', kbIds).where('ragflow_document_id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.ragflow_document_id as string, row.id]));
}
