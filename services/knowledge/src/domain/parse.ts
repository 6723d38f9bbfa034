import { chunkDocument, parseDocument, type Chunk, type DocumentType } from '@astron/docparse';
import type { ChunkingSettings } from '../store/tables.js';
import { nameWithExtension } from './document-types.js';

export interface ParsedChunks {
  type: DocumentType;
  pageCount: number | null;
  chunks: Chunk[];
}

/**
 * Reads a document and cuts it into chunks with the base's settings: what ingestion stores and preview shows. The
 * type found on arrival is kept by giving the parser a name with that type's extension (see intake.ts).
 */
export async function parseAndChunk(bytes: Uint8Array, document: { name: string; type: string }, chunking: ChunkingSettings, limits: { maxFileBytes: number; maxPages: number }): Promise<ParsedChunks> {
  const parsed = await parseDocument(bytes, { name: nameWithExtension(document.name, document.type), maxBytes: limits.maxFileBytes, maxPages: limits.maxPages });
  const chunks = chunkDocument(parsed, {
    mode: chunking.mode,
    maxTokens: chunking.maxTokens,
    overlapTokens: chunking.overlapTokens,
    ...(chunking.separator === undefined ? {} : { separator: chunking.separator }),
  });
  return { type: parsed.type, pageCount: parsed.pageCount ?? null, chunks };
}
