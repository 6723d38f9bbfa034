import type { Selectable } from 'kysely';
import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import type { DocumentSource, DocumentStatus, KnowledgeSchema } from './tables.js';

export interface DocumentFailure {
  code: string;
  message: string;
}

export interface DocumentRecord {
  id: string;
  kbId: string;
  spaceId: string;
  name: string;
  source: DocumentSource;
  sourceUrl: string | null;
  type: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  status: DocumentStatus;
  chunkCount: number;
  embeddedCount: number;
  pageCount: number | null;
  error: DocumentFailure | null;
  /** `ragflowProgress` (0..1) while RAGFlow parses the document. */
  metadata: Record<string, unknown>;
  ragflowDocumentId: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export type NewDocument = Pick<DocumentRecord, 'id' | 'kbId' | 'spaceId' | 'name' | 'source' | 'sourceUrl' | 'type' | 'sizeBytes' | 'sha256' | 'storageKey' | 'createdBy'>;

export interface DocumentPatch {
  status?: DocumentStatus;
  chunkCount?: number;
  embeddedCount?: number;
  pageCount?: number | null;
  error?: DocumentFailure | null;
  metadata?: Record<string, unknown>;
  ragflowDocumentId?: string | null;
}

/** Statuses of a document whose ingestion has not ended. */
export const IN_PROGRESS: DocumentStatus[] = ['queued', 'parsing', 'embedding'];

const parsed = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export function toDocument(row: Selectable<KnowledgeSchema['documents']>): DocumentRecord {
  return {
    id: row.id,
    kbId: row.kb_id,
    spaceId: row.space_id,
    name: row.name,
    source: row.source,
    sourceUrl: row.source_url,
    type: row.type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    status: row.status,
    chunkCount: Number(row.chunk_count),
    embeddedCount: Number(row.embedded_count),
    pageCount: row.page_count === null ? null : Number(row.page_count),
    error: parsed<DocumentFailure | null>(row.error) ?? null,
    metadata: parsed<Record<string, unknown>>(row.metadata) ?? {},
    ragflowDocumentId: row.ragflow_document_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Documents of knowledge bases. Reads for the API name the caller's space and base; the worker reads by id. */
export function documentsStore(db: Database<KnowledgeSchema>) {
  const k = db.kysely;

  return {
    /** Inserts a queued document; null when the base already holds the same bytes (see `withContent`). */
    async insert(document: NewDocument): Promise<DocumentRecord | null> {
      const now = new Date();
      try {
        const row = await k
          .insertInto('documents')
          .values({ ...columns(document), status: 'queued', page_count: null, error: null, metadata: jsonValue({}), ragflow_document_id: null, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toDocument(row);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    async byId(id: string): Promise<DocumentRecord | null> {
      const row = await k.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toDocument(row);
    },

    async get(spaceId: string, kbId: string, id: string): Promise<DocumentRecord | null> {
      const row = await k.selectFrom('documents').selectAll().where('space_id', '=', spaceId).where('kb_id', '=', kbId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toDocument(row);
    },

    /** The document of the base with these bytes, if any. */
    async withContent(kbId: string, sha256: string): Promise<DocumentRecord | null> {
      const row = await k.selectFrom('documents').selectAll().where('kb_id', '=', kbId).where('sha256', '=', sha256).executeTakeFirst();
      return row === undefined ? null : toDocument(row);
    },

    /** Newest first; `before` is the last item of the previous page. */
    async list(spaceId: string, kbId: string, options: { status?: DocumentStatus[]; limit: number; before?: { createdAt: Date; id: string } }): Promise<DocumentRecord[]> {
      let query = k.selectFrom('documents').selectAll().where('space_id', '=', spaceId).where('kb_id', '=', kbId);
      if (options.status !== undefined) query = query.where('status', 'in', options.status);
      const before = options.before;
      if (before !== undefined) {
        query = query.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
      return rows.map(toDocument);
    },

    /** Every document of the base, for deleting its files. */
    async storageKeys(kbId: string): Promise<string[]> {
      const rows = await k.selectFrom('documents').select('storage_key').where('kb_id', '=', kbId).execute();
      return rows.map((row) => row.storage_key);
    },

    /** Documents whose ingestion has not ended and that did not move since `idleSince`: their job may be lost. */
    async unfinished(idleSince: Date, limit: number): Promise<string[]> {
      const rows = await k.selectFrom('documents').select('id').where('status', 'in', IN_PROGRESS).where('updated_at', '<=', idleSince).orderBy('updated_at').limit(limit).execute();
      return rows.map((row) => row.id);
    },

    /** Null when the document is gone (deleted meanwhile): its ingestion stops there. */
    async update(id: string, patch: DocumentPatch): Promise<DocumentRecord | null> {
      const row = await k
        .updateTable('documents')
        .set({
          updated_at: new Date(),
          ...(patch.status === undefined ? {} : { status: patch.status }),
          ...(patch.chunkCount === undefined ? {} : { chunk_count: patch.chunkCount }),
          ...(patch.embeddedCount === undefined ? {} : { embedded_count: patch.embeddedCount }),
          ...(patch.pageCount === undefined ? {} : { page_count: patch.pageCount }),
          ...(patch.error === undefined ? {} : { error: patch.error === null ? null : jsonValue(patch.error) }),
          ...(patch.metadata === undefined ? {} : { metadata: jsonValue(patch.metadata) }),
          ...(patch.ragflowDocumentId === undefined ? {} : { ragflow_document_id: patch.ragflowDocumentId }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toDocument(row);
    },

    /** Moves a finished document back to the queue (reingest); null unless it was ready or failed. */
    async requeue(spaceId: string, kbId: string, id: string): Promise<DocumentRecord | null> {
      const row = await k
        .updateTable('documents')
        .set({ status: 'queued', error: null, updated_at: new Date() })
        .where('space_id', '=', spaceId)
        .where('kb_id', '=', kbId)
        .where('id', '=', id)
        .where('status', 'in', ['ready', 'failed'])
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toDocument(row);
    },

    /** Its chunks go with it (foreign key cascade). */
    async remove(spaceId: string, kbId: string, id: string): Promise<DocumentRecord | null> {
      const row = await k.deleteFrom('documents').where('space_id', '=', spaceId).where('kb_id', '=', kbId).where('id', '=', id).returningAll().executeTakeFirst();
      return row === undefined ? null : toDocument(row);
    },
  };
}

function columns(document: NewDocument) {
  return {
    id: document.id,
    kb_id: document.kbId,
    space_id: document.spaceId,
    name: document.name,
    source: document.source,
    source_url: document.sourceUrl,
    type: document.type,
    size_bytes: document.sizeBytes,
    sha256: document.sha256,
    storage_key: document.storageKey,
    created_by: document.createdBy,
  };
}

export type DocumentsStore = ReturnType<typeof documentsStore>;
