import { resolveSecrets } from '@astron/kit/config';
import { openMigratedDatabase, type Database } from '@astron/kit/db';
import { createEgressClient, type EgressClient } from '@astron/kit/egress';
import type { Logger } from '@astron/kit/log';
import { createPubSub, type PubSub } from '@astron/kit/pubsub';
import { createJobQueue, type JobQueue } from '@astron/kit/queue';
import type { SharedInfrastructure } from '@astron/kit/service';
import { createObjectStore, type ObjectStore } from '@astron/kit/storage';
import { hubModelResolver } from '@astron/llm';
import { createRagflowClient, type RagflowClient } from './backends/ragflow/index.js';
import type { KnowledgeConfig } from './config.js';
import { basesDomain, type BasesDomain } from './domain/bases.js';
import { chunksDomain, type ChunksDomain } from './domain/chunks.js';
import { documentEvents, type DocumentEvents } from './domain/document-events.js';
import { documentsDomain, type DocumentsDomain } from './domain/documents.js';
import type { EmbedderOptions } from './domain/embedder.js';
import { documentIntake } from './domain/intake.js';
import { startIngestionWorker, type IngestionWorker } from './domain/ingestion/worker.js';
import { hubModels, type KnowledgeModels } from './models.js';
import { ensureVectorIndex } from './retrieval/vector-index.js';
import { basesStore } from './store/bases-store.js';
import { chunksStore } from './store/chunks-store.js';
import { documentsStore, type DocumentsStore } from './store/documents-store.js';
import { migrations } from './store/migrations.js';
import type { KnowledgeSchema } from './store/tables.js';

/** BullMQ's hold on a job between renewals: long enough for a big PDF parsed in one go to keep its job. */
const JOB_LOCK_MS = 120_000;
const QUEUE_PREFIX = 'astron-knowledge';

export interface KnowledgeRuntime {
  database: Database<KnowledgeSchema>;
  storage: ObjectStore;
  queue: JobQueue;
  pubsub: PubSub;
  models: KnowledgeModels;
  ragflow: RagflowClient | null;
  serviceToken: string;
  events: DocumentEvents;
  documentsStore: DocumentsStore;
  bases: BasesDomain;
  documents: DocumentsDomain;
  chunks: ChunksDomain;
  /** Starts ingesting queued documents in this process (and re-queues those a stopped process left). */
  startWorker(): Promise<IngestionWorker>;
  close(): Promise<void>;
}

/** Replaces what the runtime would build, for tests and benchmarks: models at a fixed endpoint (the fake OpenAI). */
export interface RuntimeOverrides {
  models?: KnowledgeModels;
}

/** The queue and pub/sub: shared ones in embedded mode, Redis in distributed mode, else this process's own. */
function messaging(config: KnowledgeConfig, shared: SharedInfrastructure): { queue: JobQueue; pubsub: PubSub; owned: boolean } {
  if (shared.queue !== undefined && shared.pubsub !== undefined) return { queue: shared.queue, pubsub: shared.pubsub, owned: false };
  if (config.redis !== null) {
    return {
      queue: createJobQueue({ kind: 'redis', redis: config.redis, prefix: QUEUE_PREFIX, lockDurationMs: JOB_LOCK_MS }),
      pubsub: createPubSub({ kind: 'redis', redis: config.redis, prefix: QUEUE_PREFIX }),
      owned: true,
    };
  }
  return { queue: createJobQueue({ kind: 'memory' }), pubsub: createPubSub({ kind: 'memory' }), owned: true };
}

/** Object storage; the local store signs with the platform's service token (no file URL is handed out today). */
async function openStorage(config: KnowledgeConfig, serviceToken: string): Promise<ObjectStore> {
  if (config.storage.kind === 'local') return createObjectStore({ ...config.storage, signing: { ...config.storage.signing, secret: serviceToken } });
  const store = createObjectStore(config.storage);
  await store.ensureBucket();
  return store;
}

export async function openKnowledgeRuntime(config: KnowledgeConfig, shared: SharedInfrastructure, logger: Logger, overrides: RuntimeOverrides = {}): Promise<KnowledgeRuntime> {
  const secrets = resolveSecrets(config.secrets, config.service.dataDir);
  const database = await openMigratedDatabase<KnowledgeSchema>(config.database, migrations, { logger });
  const storage = await openStorage(config, secrets.serviceToken);
  const { queue, pubsub, owned } = messaging(config, shared);
  const { limits } = config;
  const models = overrides.models ?? hubModels(hubModelResolver({ hubUrl: config.hubUrl, serviceToken: secrets.serviceToken, caller: 'knowledge' }), limits.embedTimeoutMs);
  const ragflow = config.ragflow === null ? null : createRagflowClient(config.ragflow);
  // Documents by URL are fetched from addresses users give: every request goes through the SSRF guard (EGRESS_*).
  const egress: EgressClient = createEgressClient({ ...config.service.egress, timeoutMs: 60_000, maxResponseBytes: limits.maxFileBytes });
  const events = documentEvents(pubsub, logger);
  const stores = { bases: basesStore(database), documents: documentsStore(database), chunks: chunksStore(database) };
  const embedder: Omit<EmbedderOptions, 'bases'> = { models, ensureVectorIndex: (dimensions) => ensureVectorIndex(database, dimensions) };
  const bases = basesDomain({ bases: stores.bases, documents: stores.documents, storage, ragflow, logger });
  const intake = documentIntake({ egress, maxFileBytes: limits.maxFileBytes });
  const documents = documentsDomain({ bases, documents: stores.documents, storage, intake, queue, events, ragflow, logger, limits });
  const chunks = chunksDomain({ bases, documents, basesStore: stores.bases, documentsStore: stores.documents, chunks: stores.chunks, events, ragflow, embedder });
  return {
    database,
    storage,
    queue,
    pubsub,
    models,
    ragflow,
    serviceToken: secrets.serviceToken,
    events,
    documentsStore: stores.documents,
    bases,
    documents,
    chunks,
    startWorker: () =>
      startIngestionWorker({
        queue,
        concurrency: limits.ingestConcurrency,
        context: { ...stores, storage, events, ragflow, embedder, limits, logger },
      }),
    async close() {
      if (owned) {
        await queue.close();
        await pubsub.close();
      }
      await egress.close();
      await storage.close();
      await database.close();
    },
  };
}
