import { countTokens } from '@astron/docparse';
import { AppError, notFound } from '@astron/kit/errors';
import type { RagflowClient } from '../backends/ragflow/index.js';
import { searchText } from '../retrieval/search-text.js';
import type { BasesStore, KnowledgeBaseRecord } from '../store/bases-store.js';
import type { ChunkContent, ChunkRecord, ChunksStore } from '../store/chunks-store.js';
import { IN_PROGRESS, type DocumentRecord, type DocumentsStore } from '../store/documents-store.js';
import type { BasesDomain } from './bases.js';
import type { DocumentEvents } from './document-events.js';
import type { DocumentsDomain } from './documents.js';
import { embedderFor, type EmbedderOptions } from './embedder.js';
import { documentBusy } from './errors.js';

const keptInRagflow = () =>
  new AppError({ code: 'ragflow_chunks_read_only', status: 409, message: 'the chunks of a RAGFlow knowledge base are kept by RAGFlow; edit them there' });

function contentOf(text: string): Omit<ChunkContent, 'headingPath' | 'page' | 'pageEnd'> {
  return { content: text, searchText: searchText(text), tokens: countTokens(text) };
}

/**
 * The chunks of a document as people see and correct them: listed, edited (re-tokenized and re-embedded before the
 * answer, so retrieval never sees stale text with its old vector), disabled, added by hand, deleted. Changes wait
 * until the document's ingestion has ended, as a re-parse would otherwise race them.
 */
export function chunksDomain(deps: {
  bases: BasesDomain;
  documents: DocumentsDomain;
  basesStore: BasesStore;
  documentsStore: DocumentsStore;
  chunks: ChunksStore;
  events: DocumentEvents;
  ragflow: RagflowClient | null;
  embedder: Omit<EmbedderOptions, 'bases'>;
}) {
  const { bases, documents, chunks, events, ragflow } = deps;

  async function editable(spaceId: string, kbId: string, documentId: string): Promise<{ base: KnowledgeBaseRecord; document: DocumentRecord }> {
    const base = await bases.find(spaceId, kbId);
    const document = await documents.find(spaceId, kbId, documentId);
    if (base.backend === 'ragflow') throw keptInRagflow();
    if (IN_PROGRESS.includes(document.status)) throw documentBusy(documentId, document.status);
    return { base, document };
  }

  async function embedOne(base: KnowledgeBaseRecord, text: string): Promise<number[]> {
    const embed = await embedderFor(base, { ...deps.embedder, bases: deps.basesStore });
    const [vector] = await embed([text]);
    if (vector === undefined) throw new AppError({ code: 'model_error', status: 502, message: 'the embedding model answered no vector' });
    return vector;
  }

  async function countsChanged(document: DocumentRecord): Promise<void> {
    const updated = await deps.documentsStore.byId(document.id);
    if (updated !== null) await events.publish(document.kbId, { type: 'document', document: updated });
  }

  /** A page of RAGFlow's chunks of the document, as ours (RAGFlow keeps no positions or pages for them). */
  async function ragflowPage(base: KnowledgeBaseRecord, document: DocumentRecord, offset: number, limit: number, contains?: string): Promise<{ items: ChunkRecord[]; total: number }> {
    if (ragflow === null || base.ragflowDatasetId === null || document.ragflowDocumentId === null) return { items: [], total: 0 };
    const first = Math.floor(offset / limit) + 1;
    // An offset between two of RAGFlow's pages needs the end of one and the start of the next.
    const wanted = offset % limit === 0 ? [first] : [first, first + 1];
    const pages = await Promise.all(wanted.map((page) => ragflow.listChunks(base.ragflowDatasetId ?? '', document.ragflowDocumentId ?? '', { page, pageSize: limit })));
    const start = (first - 1) * limit;
    const items = pages
      .flatMap((page) => page.chunks)
      .map((chunk, index): ChunkRecord => {
        const counted = contentOf(chunk.content);
        return { id: chunk.id, kbId: base.id, documentId: document.id, position: start + index, content: chunk.content, tokens: counted.tokens, headingPath: [], page: null, pageEnd: null, enabled: chunk.available, edited: false, embedded: true, createdAt: document.createdAt, updatedAt: document.updatedAt };
      })
      .filter((chunk) => chunk.position >= offset && (contains === undefined || chunk.content.toLowerCase().includes(contains.toLowerCase())))
      .slice(0, limit);
    return { items, total: pages[0]?.total ?? 0 };
  }

  return {
    async list(spaceId: string, kbId: string, documentId: string, options: { offset: number; limit: number; contains?: string }): Promise<{ items: ChunkRecord[]; total: number }> {
      const base = await bases.find(spaceId, kbId);
      const document = await documents.find(spaceId, kbId, documentId);
      if (base.backend === 'ragflow') return ragflowPage(base, document, options.offset, options.limit, options.contains);
      return chunks.list(documentId, options);
    },

    async add(spaceId: string, kbId: string, documentId: string, text: string): Promise<ChunkRecord> {
      const { base, document } = await editable(spaceId, kbId, documentId);
      const vector = await embedOne(base, text);
      const chunk = await chunks.append(document, { ...contentOf(text), headingPath: [], page: null, pageEnd: null }, vector);
      await countsChanged(document);
      return chunk;
    },

    async update(spaceId: string, kbId: string, documentId: string, chunkId: string, patch: { content?: string | undefined; enabled?: boolean | undefined }): Promise<ChunkRecord> {
      const { base, document } = await editable(spaceId, kbId, documentId);
      const current = await chunks.get(documentId, chunkId);
      if (current === null) throw notFound('chunk', chunkId);
      const changed = patch.content !== undefined && patch.content !== current.content;
      const content = changed && patch.content !== undefined ? { ...contentOf(patch.content), headingPath: current.headingPath, page: current.page, pageEnd: current.pageEnd } : undefined;
      const vector = content === undefined ? undefined : await embedOne(base, content.content);
      const updated = await chunks.update(documentId, chunkId, { ...(content === undefined ? {} : { content }), ...(vector === undefined ? {} : { vector }), ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }) });
      if (updated === null) throw notFound('chunk', chunkId);
      if (!current.embedded && vector !== undefined) await countsChanged(document);
      return updated;
    },

    async remove(spaceId: string, kbId: string, documentId: string, chunkId: string): Promise<void> {
      const { document } = await editable(spaceId, kbId, documentId);
      if (!(await chunks.remove(documentId, chunkId))) throw notFound('chunk', chunkId);
      await countsChanged(document);
    },
  };
}

export type ChunksDomain = ReturnType<typeof chunksDomain>;
