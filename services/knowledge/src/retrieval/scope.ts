import { AppError } from '@astron/kit/errors';
import type { Database } from '@astron/kit/db';
import type { Selectable } from 'kysely';
import type { KnowledgeBasesTable, KnowledgeSchema } from '../store/tables.js';

export type KnowledgeBase = Selectable<KnowledgeBasesTable>;

function missing(what: string, ids: string[]): AppError {
  const names = ids.join(', ');
  return new AppError({ code: 'not_found', status: 404, message: `${what} ${names} not found`, details: { ids } });
}

/**
 * The caller's bases, in the order asked. A base of another space is answered exactly like one that does not exist,
 * so ids of other spaces cannot be probed.
 */
export async function loadBases(db: Database<KnowledgeSchema>, spaceId: string, kbIds: string[]): Promise<KnowledgeBase[]> {
  const unique = [...new Set(kbIds)];
  const rows = await db.kysely.selectFrom('knowledge_bases').selectAll().where('space_id', '=', spaceId).where('id', 'in', unique).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const absent = unique.filter((id) => !byId.has(id));
  if (absent.length > 0) throw missing(absent.length === 1 ? 'knowledge base' : 'knowledge bases', absent);
  return unique.map((id) => byId.get(id) as KnowledgeBase);
}

/** A document a filter names: its base, and its id in RAGFlow for bases kept there. */
export interface FilterDocument {
  id: string;
  kbId: string;
  ragflowDocumentId: string | null;
}

/** The documents of a filter, which must all be in the bases searched (a typo would otherwise just find nothing). */
export async function loadFilterDocuments(db: Database<KnowledgeSchema>, spaceId: string, kbIds: string[], documentIds: string[]): Promise<FilterDocument[]> {
  const unique = [...new Set(documentIds)];
  if (unique.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('documents')
    .select(['id', 'kb_id', 'ragflow_document_id'])
    .where('space_id', '=', spaceId)
    .where('kb_id', 'in', kbIds)
    .where('id', 'in', unique)
    .execute();
  const found = new Set(rows.map((row) => row.id));
  const absent = unique.filter((id) => !found.has(id));
  if (absent.length > 0) throw missing(absent.length === 1 ? 'document' : 'documents', absent);
  return rows.map((row) => ({ id: row.id, kbId: row.kb_id, ragflowDocumentId: row.ragflow_document_id }));
}
