import type { Chunk } from '@astron/docparse';
import type { DocumentPreview } from '../domain/documents.js';
import type { KnowledgeBaseRecord } from '../store/bases-store.js';
import type { ChunkRecord } from '../store/chunks-store.js';
import type { DocumentRecord } from '../store/documents-store.js';

export function baseView(base: KnowledgeBaseRecord) {
  return {
    id: base.id,
    name: base.name,
    description: base.description,
    backend: base.backend,
    embeddingModel: base.embeddingModel,
    dimensions: base.dimensions,
    chunking: base.chunking,
    retrieval: base.retrieval,
    documentCount: base.documentCount,
    chunkCount: base.chunkCount,
    createdAt: base.createdAt.toISOString(),
    updatedAt: base.updatedAt.toISOString(),
  };
}

/** How far ingestion is, 0..1: embedded chunks over chunks (built-in), RAGFlow's own figure while it parses. */
function progressOf(document: DocumentRecord): number {
  if (document.status === 'ready') return 1;
  const ragflowProgress = document.metadata.ragflowProgress;
  if (typeof ragflowProgress === 'number') return ragflowProgress;
  return document.chunkCount === 0 ? 0 : document.embeddedCount / document.chunkCount;
}

export function documentView(document: DocumentRecord) {
  return {
    id: document.id,
    kbId: document.kbId,
    name: document.name,
    source: document.source,
    sourceUrl: document.sourceUrl,
    type: document.type,
    sizeBytes: document.sizeBytes,
    status: document.status,
    chunkCount: document.chunkCount,
    embeddedCount: document.embeddedCount,
    progress: Math.round(progressOf(document) * 1000) / 1000,
    error: document.error,
    pageCount: document.pageCount,
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
  };
}

export function chunkView(chunk: ChunkRecord) {
  return {
    id: chunk.id,
    kbId: chunk.kbId,
    documentId: chunk.documentId,
    position: chunk.position,
    content: chunk.content,
    tokens: chunk.tokens,
    headingPath: chunk.headingPath,
    page: chunk.page,
    pageEnd: chunk.pageEnd,
    enabled: chunk.enabled,
    edited: chunk.edited,
    embedded: chunk.embedded,
    createdAt: chunk.createdAt.toISOString(),
    updatedAt: chunk.updatedAt.toISOString(),
  };
}

function previewChunkView(chunk: Chunk) {
  return { position: chunk.position, content: chunk.content, tokens: chunk.tokens, headingPath: chunk.headingPath, page: chunk.page ?? null };
}

export function previewView(preview: DocumentPreview) {
  return { type: preview.type, pageCount: preview.pageCount, chunks: preview.chunks.map(previewChunkView), total: preview.total };
}
