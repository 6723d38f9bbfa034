import { AppError } from '@astron/kit/errors';
import { waitForParsing, type DocumentStatus, type RagflowClient } from '../../backends/ragflow/index.js';
import type { KnowledgeBaseRecord } from '../../store/bases-store.js';
import type { DocumentRecord } from '../../store/documents-store.js';
import { ragflowNotConfigured } from '../bases.js';
import { contentTypeOf, nameWithExtension } from '../document-types.js';
import { reported, stopping, type IngestionContext } from './context.js';

/** RAGFlow parses large files for minutes; the original waited 300 s, which cuts long books short. */
const PARSING_TIMEOUT_MS = 60 * 60_000;

/** Uploads the stored file to the base's dataset and records RAGFlow's id; null when the document went meanwhile. */
async function upload(context: IngestionContext, ragflow: RagflowClient, datasetId: string, document: DocumentRecord): Promise<string | null> {
  const bytes = await context.storage.getBuffer(document.storageKey);
  if (bytes === null) throw new AppError({ code: 'document_file_missing', status: 500, message: `the stored file of document ${document.id} is missing from object storage; upload it again` });
  const uploaded = await ragflow.uploadDocument(datasetId, { name: nameWithExtension(document.name, document.type), bytes, contentType: contentTypeOf(document.type) });
  if ((await context.documents.update(document.id, { ragflowDocumentId: uploaded.id })) === null) {
    await ragflow.deleteDocument(datasetId, uploaded.id).catch((error: unknown) => context.logger.warn({ err: error, ragflowDocumentId: uploaded.id }, 'could not delete the RAGFlow copy of a deleted document'));
    return null;
  }
  return uploaded.id;
}

/**
 * Ingests a document of a RAGFlow base: the file goes to the base's dataset, RAGFlow parses and embeds it, and its
 * progress and chunk count become the document's. A queued document is (re)parsed; one found `parsing` after a
 * restart is followed where RAGFlow is, and started only if RAGFlow never began.
 */
export async function ingestRagflow(context: IngestionContext, document: DocumentRecord, base: KnowledgeBaseRecord): Promise<void> {
  const { ragflow } = context;
  const datasetId = base.ragflowDatasetId;
  if (ragflow === null || datasetId === null) throw ragflowNotConfigured();
  const restart = document.status === 'queued';
  const parsing = await reported(context, await context.documents.update(document.id, { status: 'parsing', error: null, metadata: { ...document.metadata, ragflowProgress: 0 } }));
  if (parsing === null) return;
  let ragflowId = parsing.ragflowDocumentId;
  if (ragflowId === null) {
    ragflowId = await upload(context, ragflow, datasetId, parsing);
    if (ragflowId === null) return;
    await ragflow.startParsing(datasetId, [ragflowId]);
  } else if (restart || (await ragflow.documentStatus(datasetId, ragflowId)).status === 'pending') {
    await ragflow.startParsing(datasetId, [ragflowId]);
  }

  const gone = new AbortController();
  let progress = Promise.resolve();
  const follow = (status: DocumentStatus) => {
    progress = progress.then(async () => {
      const updated = await reported(context, await context.documents.update(parsing.id, { chunkCount: status.chunkCount, metadata: { ...parsing.metadata, ragflowProgress: status.progress } }));
      if (updated === null) gone.abort();
    });
  };
  let done: DocumentStatus;
  try {
    done = await waitForParsing(ragflow, datasetId, ragflowId, { onProgress: follow, timeoutMs: PARSING_TIMEOUT_MS, signal: AbortSignal.any([context.signal, gone.signal]) });
  } catch (error) {
    if (gone.signal.aborted) return;
    if (context.signal.aborted) throw stopping();
    throw error;
  } finally {
    await progress.catch(() => undefined);
  }
  await reported(context, await context.documents.update(parsing.id, { status: 'ready', chunkCount: done.chunkCount, embeddedCount: done.chunkCount, metadata: { ...parsing.metadata, ragflowProgress: 1 } }));
}
