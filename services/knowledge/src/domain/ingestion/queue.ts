import type { JobQueue } from '@astron/kit/queue';

/** The queue of ingestion jobs, `{documentId}` each; in-process when embedded, BullMQ on Redis when distributed. */
export const INGEST_QUEUE = 'knowledge-ingest';

export interface IngestJob {
  documentId: string;
}

/** Tries of one job: a retryable failure (the database, the model, RAGFlow unreachable) waits and tries again. */
export const INGEST_ATTEMPTS = 3;

/** One job per document at a time: the document id is the job id, so adding it again while it runs does nothing. */
export function enqueueIngestion(queue: JobQueue, documentId: string): Promise<string> {
  return queue.add<IngestJob>(INGEST_QUEUE, { documentId }, { jobId: documentId, attempts: INGEST_ATTEMPTS, backoff: { type: 'exponential', delayMs: 2_000 } });
}
