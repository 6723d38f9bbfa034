import { ConfigError } from '@astron/kit/config';
import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { knowledgeService } from './index.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('knowledge configuration', () => {
  test('embedded defaults: its own PGlite, in-process queue, files under the data dir, no RAGFlow', () => {
    const config = loadConfig({ ASTRON_DATA_DIR: '/data' });
    expect(config.service.port).toBe(20010);
    expect(config.database).toMatchObject({ kind: 'pglite', dataDir: '/data/pglite-knowledge', namespace: 'knowledge' });
    expect(config.redis).toBeNull();
    expect(config.storage).toMatchObject({ kind: 'local', root: '/data/knowledge-files' });
    expect(config.ragflow).toBeNull();
    expect(config.hubUrl).toBe('http://127.0.0.1:8080');
    expect(config.limits).toEqual({ maxFileBytes: 50 * 1024 * 1024, maxPages: 2000, embedBatch: 32, ingestConcurrency: 2, embedTimeoutMs: 60_000 });
  });

  test('PostgreSQL, S3, RAGFlow and the limits from their variables', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://astron:secret@postgres:5432/astron',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'knowledge',
      S3_ACCESS_KEY: 'a',
      S3_SECRET_KEY: 'b',
      RAGFLOW_BASE_URL: 'http://ragflow:9380',
      RAGFLOW_API_TOKEN: 'ragflow-key',
      RAGFLOW_TIMEOUT: '30',
      RAGFLOW_DEFAULT_GROUP: '星辰知识库',
      KNOWLEDGE_MAX_FILE_MB: '20',
      KNOWLEDGE_EMBED_BATCH: '16',
      HUB_URL: 'http://console-hub:8080',
    });
    expect(config.database).toMatchObject({ kind: 'postgres', host: 'postgres', database: 'astron', namespace: 'knowledge', user: 'astron' });
    expect(config.storage).toMatchObject({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'knowledge' });
    expect(config.ragflow).toEqual({ baseUrl: 'http://ragflow:9380', apiToken: 'ragflow-key', timeoutMs: 30_000, defaultGroup: '星辰知识库' });
    expect(config.limits).toMatchObject({ maxFileBytes: 20 * 1024 * 1024, embedBatch: 16 });
    expect(config.hubUrl).toBe('http://console-hub:8080');
  });

  test('MySQL is refused: the knowledge service needs PostgreSQL with pgvector', () => {
    expect(problems({ DATABASE_URL: 'mysql://root:x@mysql:3306/astron' })).toEqual([expect.objectContaining({ variable: 'DATABASE_URL', problem: expect.stringContaining('needs PostgreSQL with pgvector') })]);
  });

  test('distributed mode needs PostgreSQL and Redis; RAGFlow needs its token; bad numbers name their variable', () => {
    const secrets = { ASTRON_SERVICE_TOKEN: 'x'.repeat(40), ASTRON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    const variables = problems({ ASTRON_MODE: 'distributed', ...secrets }).map((problem) => problem.variable);
    expect(variables).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_ADDR']));
    expect(problems({ RAGFLOW_BASE_URL: 'http://ragflow:9380' }).map((problem) => problem.variable)).toEqual(['RAGFLOW_API_TOKEN']);
    expect(problems({ KNOWLEDGE_EMBED_BATCH: '0' }).map((problem) => problem.variable)).toEqual(['KNOWLEDGE_EMBED_BATCH']);
    expect(problems({ OSS_TYPE: 'ftp', OSS_BUCKET_NAME: 'b' }).map((problem) => problem.variable)).toEqual(['S3_BUCKET']);
  });

  test('the embedded start points it at the shared database, in its own schema, and at the hub', () => {
    const env = knowledgeService.embeddedEnv({ database: { host: '127.0.0.1', port: 5999, user: 'postgres', password: '', database: 'postgres' }, peers: { hub: 'http://127.0.0.1:8080' }, consoleDir: '/console' });
    expect(env).toEqual({ DATABASE_DB_TYPE: 'postgres', DATABASE_URL: 'postgres://postgres:@127.0.0.1:5999/postgres?schema=knowledge', HUB_URL: 'http://127.0.0.1:8080' });
    expect(loadConfig(env).database).toMatchObject({ kind: 'postgres', port: 5999, namespace: 'knowledge' });
    expect(knowledgeService).toMatchObject({ name: 'knowledge', composeName: 'core-knowledge', defaultPort: 20010 });
  });
});
