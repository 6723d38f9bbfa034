import { isConnectionError } from '@astron/kit/db';
import { isAppError } from '@astron/kit/errors';
import type { Job } from '@astron/kit/queue';
import { IN_PROGRESS } from '../../store/documents-store.js';
import { failureOf } from '../errors.js';
import { ingestBuiltin } from './builtin.js';
import { reported, stopping, type IngestionContext } from './context.js';
import { INGEST_ATTEMPTS, type IngestJob } from './queue.js';
import { ingestRagflow } from './ragflow.js';

const retryable = (error: unknown) => (isAppError(error) && error.retryable) || isConnectionError(error);

/**
 * The handler of 'knowledge-ingest' jobs. A document that is gone, or whose ingestion already ended, is left alone.
 * A retryable failure is thrown back to the queue while tries remain; any other failure, or the last, marks the
 * document failed with its `{code, message}`. A stop of this instance is never a failure: the job is taken up again.
 */
export function ingestionHandler(context: IngestionContext) {
  const { documents, bases, logger } = context;
  return async (job: Job<IngestJob>): Promise<void> => {
    const document = await documents.byId(job.data.documentId);
    if (document === null || !IN_PROGRESS.includes(document.status)) return;
    const base = await bases.byId(document.kbId);
    if (base === null) return;
    try {
      if (base.backend === 'ragflow') await ingestRagflow(context, document, base);
      else await ingestBuiltin(context, document, base);
    } catch (error) {
      if (context.signal.aborted) throw stopping();
      if (retryable(error) && job.attempt < INGEST_ATTEMPTS) throw error;
      const failure = failureOf(error);
      logger.warn({ err: error, documentId: document.id, attempt: job.attempt }, `ingestion failed: ${failure.message}`);
      await reported(context, await documents.update(document.id, { status: 'failed', error: failure }));
    }
  };
}
