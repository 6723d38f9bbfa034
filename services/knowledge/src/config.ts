import { join } from 'node:path';
import {
  databaseEnvShape,
  databaseFromEnv,
  envInt,
  envString,
  envUrl,
  parseEnv,
  redisEnvShape,
  redisFromEnv,
  reportTo,
  requireDistributedSecrets,
  secretEnv,
  serviceEnvShape,
  serviceSettings,
  storageEnvShape,
  storageFromEnv,
  type Env,
  type RedisSettings,
  type SecretEnv,
  type ServiceSettings,
} from '@astron/kit/config';
import type { DatabaseConfig } from '@astron/kit/db';
import type { ObjectStoreConfig } from '@astron/kit/storage';
import { z } from 'zod';
import type { RagflowSettings } from './backends/ragflow/index.js';

export const KNOWLEDGE_PORT = 20010;

export interface KnowledgeLimits {
  /** Largest document accepted, in bytes (KNOWLEDGE_MAX_FILE_MB). */
  maxFileBytes: number;
  /** Most pages of a PDF (KNOWLEDGE_MAX_PAGES). */
  maxPages: number;
  /** Chunks per embedding request (KNOWLEDGE_EMBED_BATCH). */
  embedBatch: number;
  /** Documents one instance ingests at the same time (KNOWLEDGE_INGEST_CONCURRENCY). */
  ingestConcurrency: number;
  /** One embedding request, first byte to last (KNOWLEDGE_EMBED_TIMEOUT_MS). */
  embedTimeoutMs: number;
}

export interface KnowledgeConfig {
  service: ServiceSettings;
  /** PostgreSQL with pgvector, or the embedded PGlite (which has it). */
  database: DatabaseConfig;
  /** Distributed mode: ingestion jobs on BullMQ and progress events over Redis pub/sub. */
  redis: RedisSettings | null;
  /**
   * Where uploaded files are kept: S3 (MinIO) from S3_* / OSS_*, else a directory under the data dir. The local
   * store's signing secret is filled in at start from the platform secrets (the service hands out no file URLs).
   */
  storage: ObjectStoreConfig;
  secrets: SecretEnv;
  /** Where the hub resolves embedding and rerank models of the space (HUB_URL). */
  hubUrl: string;
  /** The RAGFlow server of "ragflow" knowledge bases; null when RAGFLOW_BASE_URL is unset. */
  ragflow: RagflowSettings | null;
  limits: KnowledgeLimits;
}

const shape = {
  ...serviceEnvShape(KNOWLEDGE_PORT),
  ...databaseEnvShape,
  ...redisEnvShape,
  ...storageEnvShape,
  HUB_URL: envUrl(),
  RAGFLOW_BASE_URL: envUrl(),
  RAGFLOW_API_TOKEN: envString(),
  RAGFLOW_TIMEOUT: envInt(60, 1, 3_600),
  RAGFLOW_DEFAULT_GROUP: envString(),
  KNOWLEDGE_MAX_FILE_MB: envInt(50, 1, 2_048),
  KNOWLEDGE_MAX_PAGES: envInt(2_000, 1, 100_000),
  KNOWLEDGE_EMBED_BATCH: envInt(32, 1, 2_048),
  KNOWLEDGE_INGEST_CONCURRENCY: envInt(2, 1, 64),
  KNOWLEDGE_EMBED_TIMEOUT_MS: envInt(60_000, 1_000, 600_000),
};

/** The original's default when RAGFLOW_DEFAULT_GROUP is unset (backends/ragflow/settings.ts). */
const RAGFLOW_DEFAULT_GROUP = 'Stellar Knowledge Base';

const schema: z.ZodType<KnowledgeConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('knowledge', env);
    let database = reportTo(context, 'DATABASE_URL', databaseFromEnv(env, { namespace: 'knowledge', dataDir: service.dataDir }));
    if (database?.kind === 'mysql') {
      context.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'the knowledge service needs PostgreSQL with pgvector (a postgres:// URL); MySQL has no vector search' });
      database = undefined;
    }
    if (service.mode === 'distributed' && database?.kind === 'pglite') {
      context.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'distributed mode needs a PostgreSQL database with pgvector (DATABASE_URL)' });
    }
    const redis = reportTo(context, 'REDIS_ADDR', redisFromEnv(env));
    if (service.mode === 'distributed' && redis === null) {
      context.addIssue({ code: 'custom', path: ['REDIS_ADDR'], message: 'distributed mode runs ingestion as jobs on Redis: set REDIS_ADDR (host:port)' });
    }
    const publicUrl = service.publicUrl ?? `http://127.0.0.1:${service.port}`;
    const storage = reportTo(context, 'S3_BUCKET', storageFromEnv(env, { root: join(service.dataDir, 'knowledge-files'), baseUrl: `${publicUrl}/knowledge/files`, secret: '' }));
    if (env.RAGFLOW_BASE_URL !== undefined && env.RAGFLOW_API_TOKEN === undefined) {
      context.addIssue({ code: 'custom', path: ['RAGFLOW_API_TOKEN'], message: 'RAGFLOW_BASE_URL is set, so the API key made in RAGFlow is needed too' });
    }
    const ragflow: RagflowSettings | null =
      env.RAGFLOW_BASE_URL === undefined
        ? null
        : { baseUrl: env.RAGFLOW_BASE_URL, apiToken: env.RAGFLOW_API_TOKEN ?? '', timeoutMs: env.RAGFLOW_TIMEOUT * 1000, defaultGroup: env.RAGFLOW_DEFAULT_GROUP ?? RAGFLOW_DEFAULT_GROUP };
    return {
      service,
      database: database!,
      redis: redis ?? null,
      storage: storage!,
      secrets: secretEnv(env),
      hubUrl: env.HUB_URL ?? 'http://127.0.0.1:8080',
      ragflow,
      limits: {
        maxFileBytes: env.KNOWLEDGE_MAX_FILE_MB * 1024 * 1024,
        maxPages: env.KNOWLEDGE_MAX_PAGES,
        embedBatch: env.KNOWLEDGE_EMBED_BATCH,
        ingestConcurrency: env.KNOWLEDGE_INGEST_CONCURRENCY,
        embedTimeoutMs: env.KNOWLEDGE_EMBED_TIMEOUT_MS,
      },
    };
  });

export function loadConfig(env: Env): KnowledgeConfig {
  return parseEnv('knowledge', schema, env);
}
