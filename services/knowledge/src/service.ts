import { createHttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import type { RunningService, SharedInfrastructure } from '@astron/kit/service';
import { initTelemetry } from '@astron/kit/telemetry';
import type { KnowledgeConfig } from './config.js';
import { baseRoutes } from './routes/bases.js';
import { chunkRoutes } from './routes/chunks.js';
import { requireServiceToken, type KnowledgeRoutesContext } from './routes/context.js';
import { acceptMultipart } from './routes/document-input.js';
import { documentRoutes } from './routes/documents.js';
import { eventRoutes } from './routes/events.js';
import { createRetriever } from './retrieval/retrieve.js';
import { retrievalRoutes } from './routes/retrieve.js';
import { openKnowledgeRuntime, type KnowledgeRuntime, type RuntimeOverrides } from './runtime.js';

export const VERSION = '0.1.0';

export interface RunningKnowledge extends RunningService {
  runtime: KnowledgeRuntime;
}

/** The knowledge service: its API (bases, documents, chunks, retrieval), and the ingestion worker that takes queued documents. */
export async function startKnowledge(config: KnowledgeConfig, shared: SharedInfrastructure = {}, overrides: RuntimeOverrides = {}): Promise<RunningKnowledge> {
  const { service } = config;
  const logger = createLogger({ service: 'knowledge', level: service.logLevel, file: service.logPath });
  const telemetry = initTelemetry({ serviceName: 'knowledge', version: VERSION, otlpEndpoint: service.otlpEndpoint });
  const runtime = await openKnowledgeRuntime(config, shared, logger, overrides);
  const worker = await runtime.startWorker();
  const { database, queue, pubsub, storage } = runtime;
  const http = await createHttpApp({
    name: 'knowledge',
    version: VERSION,
    logger,
    bodyLimitBytes: service.bodyLimitBytes,
    readiness: { database: () => database.ping(), queue: () => queue.ping(), pubsub: () => pubsub.ping(), storage: () => storage.ping() },
    openapi: { title: 'Astron knowledge service', description: 'Knowledge bases: documents ingested into chunks and vectors, hybrid retrieval, RAGFlow as a backend.' },
  });
  const context: KnowledgeRoutesContext = {
    serviceToken: runtime.serviceToken,
    http,
    bases: runtime.bases,
    documents: runtime.documents,
    documentsStore: runtime.documentsStore,
    chunks: runtime.chunks,
    events: runtime.events,
    limits: config.limits,
  };
  requireServiceToken(http.app, runtime.serviceToken);
  acceptMultipart(http.app, config.limits.maxFileBytes);
  baseRoutes(http.app, context);
  documentRoutes(http.app, context);
  chunkRoutes(http.app, context);
  eventRoutes(http.app, context);
  retrievalRoutes(http.app, { serviceToken: runtime.serviceToken, retriever: createRetriever({ db: database, models: runtime.models, ragflow: runtime.ragflow }) });
  const url = await http.listen({ port: service.port, host: service.host });
  logger.info({ url, mode: service.mode, database: config.database.kind, storage: config.storage.kind, ragflow: config.ragflow !== null }, 'knowledge listening');

  return {
    name: 'knowledge',
    url,
    runtime,
    async stop() {
      await http.stop();
      await worker.stop();
      await runtime.close();
      await telemetry.shutdown();
    },
  };
}
