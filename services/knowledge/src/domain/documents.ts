import type { Chunk, DocumentType } from '@astron/docparse';
import { isDocumentError } from '@astron/docparse';
import { randomId } from '@astron/kit/crypto';
import { notFound } from '@astron/kit/errors';
import type { Logger } from '@astron/kit/log';
import type { JobQueue } from '@astron/kit/queue';
import type { ObjectStore } from '@astron/kit/storage';
import type { RagflowClient } from '../backends/ragflow/index.js';
import type { DocumentRecord, DocumentsStore } from '../store/documents-store.js';
import type { ChunkingSettings, DocumentStatus } from '../store/tables.js';
import { goneInRagflow, type BasesDomain } from './bases.js';
import type { DocumentEvents } from './document-events.js';
import { contentTypeOf } from './document-types.js';
import { documentBusy, documentExists, documentRefused } from './errors.js';
import { enqueueIngestion } from './ingestion/queue.js';
import type { DocumentInput, DocumentIntake } from './intake.js';
import { parseAndChunk } from './parse.js';
import { chunkingSchema, mergeSettings } from './settings.js';

/** How many chunks a preview shows; `total` says how many there are. */
export const PREVIEW_CHUNKS = 200;

export interface DocumentPreview {
  type: DocumentType;
  pageCount: number | null;
  chunks: Chunk[];
  total: number;
}

/** Files of a space's base live under its own prefix; ids only, so no name can make a bad key. */
const storageKeyOf = (spaceId: string, kbId: string, documentId: string) => `knowledge/${encodeURIComponent(spaceId)}/${kbId}/${documentId}`;

/**
 * Documents of a knowledge base: checked and stored on arrival, then ingested by a queue job; deleting one
 * removes its file, chunks (and vectors) and its RAGFlow copy, and stops its ingestion.
 */
export function documentsDomain(deps: {
  bases: BasesDomain;
  documents: DocumentsStore;
  storage: ObjectStore;
  intake: DocumentIntake;
  queue: JobQueue;
  events: DocumentEvents;
  ragflow: RagflowClient | null;
  logger: Logger;
  limits: { maxFileBytes: number; maxPages: number };
}) {
  const { bases, documents, storage, intake, queue, events, ragflow, logger, limits } = deps;

  async function find(spaceId: string, kbId: string, documentId: string): Promise<DocumentRecord> {
    const document = await documents.get(spaceId, kbId, documentId);
    if (document === null) throw notFound('document', documentId);
    return document;
  }

  async function refuseDuplicate(kbId: string, sha256: string): Promise<void> {
    const existing = await documents.withContent(kbId, sha256);
    if (existing !== null) throw documentExists(existing);
  }

  return {
    find,

    /** Checks, stores and queues a document; nothing is stored when it is refused. */
    async add(spaceId: string, kbId: string, createdBy: string, input: DocumentInput): Promise<DocumentRecord> {
      await bases.find(spaceId, kbId);
      const checked = await intake(input);
      await refuseDuplicate(kbId, checked.sha256);
      const id = randomId('doc');
      const storageKey = storageKeyOf(spaceId, kbId, id);
      await storage.put(storageKey, checked.bytes, { contentType: contentTypeOf(checked.type) });
      const document = await documents.insert({ id, kbId, spaceId, name: checked.name, source: checked.source, sourceUrl: checked.sourceUrl, type: checked.type, sizeBytes: checked.bytes.length, sha256: checked.sha256, storageKey, createdBy });
      if (document === null) {
        // Another upload of the same bytes won the race (the unique index on the base and the content).
        await storage.delete(storageKey);
        throw documentExists((await documents.withContent(kbId, checked.sha256)) ?? { id: 'unknown', name: checked.name });
      }
      await enqueueIngestion(queue, document.id);
      await events.publish(kbId, { type: 'document', document });
      return document;
    },

    /** What ingestion would make of a document, with the base's chunking or an override of it; nothing is stored. */
    async preview(spaceId: string, kbId: string, input: DocumentInput, chunking: Partial<ChunkingSettings> = {}): Promise<DocumentPreview> {
      const base = await bases.find(spaceId, kbId);
      const settings = mergeSettings(chunkingSchema, 'chunking', base.chunking, chunking);
      const checked = await intake(input);
      try {
        const parsed = await parseAndChunk(checked.bytes, checked, settings, limits);
        return { type: parsed.type, pageCount: parsed.pageCount, chunks: parsed.chunks.slice(0, PREVIEW_CHUNKS), total: parsed.chunks.length };
      } catch (error) {
        if (isDocumentError(error)) throw documentRefused(error);
        throw error;
      }
    },

    async list(spaceId: string, kbId: string, options: { status?: DocumentStatus[]; limit: number; before?: { createdAt: Date; id: string } }): Promise<DocumentRecord[]> {
      await bases.find(spaceId, kbId);
      return documents.list(spaceId, kbId, options);
    },

    /**
     * The RAGFlow copy first (a failure there leaves everything as it was), then the row (its chunks cascade, and
     * a running ingestion finds its document gone at its next step), then the file.
     */
    async remove(spaceId: string, kbId: string, documentId: string): Promise<void> {
      const base = await bases.find(spaceId, kbId);
      const document = await find(spaceId, kbId, documentId);
      if (document.ragflowDocumentId !== null && base.ragflowDatasetId !== null && ragflow !== null) {
        await ragflow.deleteDocument(base.ragflowDatasetId, document.ragflowDocumentId).catch((error: unknown) => {
          if (!goneInRagflow(error)) throw error;
        });
      }
      if ((await documents.remove(spaceId, kbId, documentId)) === null) throw notFound('document', documentId);
      await storage.delete(document.storageKey).catch((error: unknown) => logger.warn({ err: error, documentId }, 'could not delete the file of a deleted document'));
      await events.publish(kbId, { type: 'document-deleted', documentId });
    },

    /** Parses the stored file again (with the base's current chunking) and embeds what is new. */
    async reingest(spaceId: string, kbId: string, documentId: string): Promise<DocumentRecord> {
      await bases.find(spaceId, kbId);
      const current = await find(spaceId, kbId, documentId);
      const document = await documents.requeue(spaceId, kbId, documentId);
      if (document === null) throw documentBusy(documentId, current.status);
      await enqueueIngestion(queue, document.id);
      await events.publish(kbId, { type: 'document', document });
      return document;
    },
  };
}

export type DocumentsDomain = ReturnType<typeof documentsDomain>;
