import type { JobQueue } from '@astron/kit/queue';
import type { IngestionContext } from './context.js';
import { ingestionHandler } from './ingest.js';
import { enqueueIngestion, INGEST_QUEUE, type IngestJob } from './queue.js';

export interface IngestionWorker {
  /** Stops taking jobs; running ones end at their next step (their documents are taken up again later). */
  stop(): Promise<void>;
}

/**
 * Ingests queued documents in this process. At the start, every unfinished document is queued again: the in-process
 * queue of the embedded mode forgets its jobs with the process, and a BullMQ job may have failed on an outage. After
 * that, a sweep re-queues documents that have not moved for `sweepMs`; the job id (the document id) makes either a
 * no-op for a document whose job is still alive.
 */
export async function startIngestionWorker(options: {
  queue: JobQueue;
  context: Omit<IngestionContext, 'signal'>;
  concurrency: number;
  sweepMs?: number;
}): Promise<IngestionWorker> {
  const { queue, context } = options;
  const sweepMs = options.sweepMs ?? 60_000;
  const stopping = new AbortController();
  const stopConsuming = await queue.process<IngestJob>(INGEST_QUEUE, ingestionHandler({ ...context, signal: stopping.signal }), { concurrency: options.concurrency });

  const requeue = async (idleSince: Date) => {
    const ids = await context.documents.unfinished(idleSince, 1_000);
    await Promise.all(ids.map((id) => enqueueIngestion(queue, id)));
  };
  await requeue(new Date());
  const sweep = setInterval(() => {
    requeue(new Date(Date.now() - sweepMs)).catch((error: unknown) => context.logger.warn({ err: error }, 'the ingestion sweep failed'));
  }, sweepMs);
  sweep.unref();

  return {
    async stop() {
      clearInterval(sweep);
      stopping.abort();
      await stopConsuming();
    },
  };
}
