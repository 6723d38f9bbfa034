import { unavailable } from '@astron/kit/errors';
import type { Logger } from '@astron/kit/log';
import type { ObjectStore } from '@astron/kit/storage';
import type { RagflowClient } from '../../backends/ragflow/index.js';
import type { BasesStore } from '../../store/bases-store.js';
import type { ChunksStore } from '../../store/chunks-store.js';
import type { DocumentRecord, DocumentsStore } from '../../store/documents-store.js';
import type { DocumentEvents } from '../document-events.js';
import type { EmbedderOptions } from '../embedder.js';

/** What an ingestion job works with. */
export interface IngestionContext {
  bases: BasesStore;
  documents: DocumentsStore;
  chunks: ChunksStore;
  storage: ObjectStore;
  events: DocumentEvents;
  ragflow: RagflowClient | null;
  embedder: Omit<EmbedderOptions, 'bases'>;
  limits: { maxFileBytes: number; maxPages: number; embedBatch: number };
  logger: Logger;
  /** Aborted when this instance stops: jobs end at their next step and are taken up again later. */
  signal: AbortSignal;
}

/** Thrown at a job's next step once the instance stops: retryable, so the job is not failed but taken up later. */
export const stopping = () => unavailable('the knowledge service is stopping; the ingestion continues when a worker takes it up again');

export function throwIfStopping(signal: AbortSignal): void {
  if (signal.aborted) throw stopping();
}

/** Tells the base's readers; null (the document is gone) passes through. */
export async function reported(context: IngestionContext, document: DocumentRecord | null): Promise<DocumentRecord | null> {
  if (document !== null) await context.events.publish(document.kbId, { type: 'document', document });
  return document;
}
