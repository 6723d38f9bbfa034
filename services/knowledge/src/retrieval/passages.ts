import type { Database } from '@astron/kit/db';
import type { KnowledgeSchema } from '../store/tables.js';

/** A chunk as retrieval answers it: where it is (document, position, page, headings) and what it says. */
export interface Passage {
  chunkId: string;
  kbId: string;
  documentId: string;
  documentName: string;
  content: string;
  /** Order in its document, from 0; null for RAGFlow passages, which do not say. */
  position: number | null;
  page: number | null;
  headingPath: string[];
}

/** The passages of these built-in chunks, keyed by chunk id (read once for the few that are answered or reranked). */
export async function loadPassages(db: Database<KnowledgeSchema>, spaceId: string, chunkIds: string[]): Promise<Map<string, Passage>> {
  if (chunkIds.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('chunks')
    .innerJoin('documents', 'documents.id', 'chunks.document_id')
    .select(['chunks.id', 'chunks.kb_id', 'chunks.document_id', 'documents.name', 'chunks.content', 'chunks.position', 'chunks.page', 'chunks.heading_path'])
    .where('chunks.space_id', '=', spaceId)
    .where('chunks.id', 'in', chunkIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      { chunkId: row.id, kbId: row.kb_id, documentId: row.document_id, documentName: row.name, content: row.content, position: row.position, page: row.page, headingPath: row.heading_path },
    ]),
  );
}
