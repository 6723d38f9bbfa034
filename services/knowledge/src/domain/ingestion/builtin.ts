import { AppError } from '@astron/kit/errors';
import { searchText } from '../../retrieval/search-text.js';
import type { KnowledgeBaseRecord } from '../../store/bases-store.js';
import type { ChunkContent } from '../../store/chunks-store.js';
import type { DocumentRecord } from '../../store/documents-store.js';
import { embedderFor } from '../embedder.js';
import { documentEmpty } from '../errors.js';
import { parseAndChunk } from '../parse.js';
import { reported, throwIfStopping, type IngestionContext } from './context.js';

const fileMissing = (document: DocumentRecord) =>
  new AppError({ code: 'document_file_missing', status: 500, message: `the stored file of document ${document.id} is missing from object storage; upload it again` });

/**
 * queued → parsing: the file is parsed and chunked, and the chunks are stored in one transaction with the move to
 * `embedding`, so a document is chunked completely or not at all and a restarted job parses only when it was not.
 */
async function parseIntoChunks(context: IngestionContext, document: DocumentRecord, base: KnowledgeBaseRecord): Promise<DocumentRecord | null> {
  const parsing = await reported(context, await context.documents.update(document.id, { status: 'parsing', error: null }));
  if (parsing === null) return null;
  const bytes = await context.storage.getBuffer(parsing.storageKey);
  if (bytes === null) throw fileMissing(parsing);
  const parsed = await parseAndChunk(bytes, parsing, base.chunking, context.limits);
  if (parsed.chunks.length === 0) throw documentEmpty();
  throwIfStopping(context.signal);
  const chunks: ChunkContent[] = parsed.chunks.map((chunk) => ({
    content: chunk.content,
    searchText: searchText(chunk.content),
    tokens: chunk.tokens,
    headingPath: chunk.headingPath,
    page: chunk.page ?? null,
    pageEnd: chunk.pageEnd ?? null,
  }));
  return reported(context, await context.chunks.saveParsed(parsing, chunks, parsed.pageCount));
}

/**
 * Ingests a document of a built-in base: parse and chunk (unless that was done), then embed the chunks that have no
 * vector, batch by batch, reporting progress after each, then ready. Only what is missing is embedded, so a job that
 * runs again after a crash or a stop neither duplicates chunks nor embeds a chunk twice. A deleted document (or
 * base) ends the job at its next step.
 */
export async function ingestBuiltin(context: IngestionContext, document: DocumentRecord, base: KnowledgeBaseRecord): Promise<void> {
  let current: DocumentRecord | null = document;
  if (current.status === 'queued' || current.status === 'parsing') current = await parseIntoChunks(context, current, base);
  if (current === null) return;
  const embed = await embedderFor(base, { ...context.embedder, bases: context.bases });
  for (;;) {
    throwIfStopping(context.signal);
    const batch = await context.chunks.unembedded(current.id, context.limits.embedBatch);
    if (batch.length === 0) break;
    const vectors = await embed(batch.map((chunk) => chunk.content));
    await context.chunks.writeEmbeddings(
      current.id,
      batch.map((chunk, index) => ({ id: chunk.id, vector: vectors[index] ?? [] })),
    );
    current = await reported(context, await context.chunks.recount(current.id));
    if (current === null) return;
  }
  await reported(context, await context.documents.update(current.id, { status: 'ready', error: null }));
}
