import { ConfigError } from '@astron/kit/config';
import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { aitoolsService } from './index.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

const secrets = { ASTRON_SERVICE_TOKEN: 'x'.repeat(40), ASTRON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };

describe('aitools configuration', () => {
  test('embedded defaults: files under the data dir, served by this service, links for an hour, kept a day', () => {
    const config = loadConfig({ ASTRON_DATA_DIR: '/data' });
    expect(config.service.port).toBe(18668);
    expect(config.storage).toMatchObject({ kind: 'local', root: '/data/aitools-files', signing: { baseUrl: 'http://127.0.0.1:18668/aitools/v1/files' } });
    expect(config.hubUrl).toBe('http://127.0.0.1:8080');
    expect(config.linkTtlSeconds).toBe(3600);
    expect(config.fileRetentionSeconds).toBe(24 * 3600);
    expect(config.limits).toEqual({ maxFileBytes: 25 * 1024 * 1024, modelTimeoutMs: 120_000, fetchTimeoutMs: 30_000 });
  });

  test("the original's OSS_* variables choose S3 and the links' life; PUBLIC_URL moves local links", () => {
    const config = loadConfig({
      OSS_ENDPOINT: 'minio:9000',
      OSS_ACCESS_KEY_ID: 'a',
      OSS_ACCESS_KEY_SECRET: 'b',
      OSS_BUCKET_NAME: 'aitools',
      OSS_TTL: '600',
      HUB_URL: 'http://console-hub:8080',
      AITOOLS_MAX_FILE_MB: '5',
    });
    expect(config.storage).toMatchObject({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'aitools', accessKeyId: 'a', secretAccessKey: 'b' });
    expect(config.linkTtlSeconds).toBe(600);
    expect(config.hubUrl).toBe('http://console-hub:8080');
    expect(config.limits.maxFileBytes).toBe(5 * 1024 * 1024);
    expect(loadConfig({ PUBLIC_URL: 'https://agent.example.com/' }).storage).toMatchObject({ signing: { baseUrl: 'https://agent.example.com/aitools/v1/files' } });
  });

  test('long links need a long S3 ceiling and a long retention; both mistakes name their variable', () => {
    expect(problems({ OSS_BUCKET_NAME: 'b', OSS_TTL: '7200' })).toEqual([expect.objectContaining({ variable: 'OSS_TTL', problem: expect.stringContaining('S3_PRESIGN_EXPIRY_SECONDS') })]);
    expect(loadConfig({ OSS_BUCKET_NAME: 'b', OSS_TTL: '7200', S3_PRESIGN_EXPIRY_SECONDS: '7200' }).linkTtlSeconds).toBe(7200);
    expect(problems({ OSS_TTL: '86400', AITOOLS_FILE_RETENTION_HOURS: '12' }).map((problem) => problem.variable)).toEqual(['AITOOLS_FILE_RETENTION_HOURS']);
    // Unset, the retention follows a TTL longer than a day.
    expect(loadConfig({ OSS_TTL: String(3 * 86400) }).fileRetentionSeconds).toBe(3 * 86400);
    expect(problems({ AITOOLS_FILE_RETENTION_HOURS: 'soon' }).map((problem) => problem.variable)).toEqual(['AITOOLS_FILE_RETENTION_HOURS']);
  });

  test('distributed mode with local files needs PUBLIC_URL; bad numbers name their variable', () => {
    expect(problems({ ASTRON_MODE: 'distributed', ...secrets }).map((problem) => problem.variable)).toEqual(['PUBLIC_URL']);
    expect(loadConfig({ ASTRON_MODE: 'distributed', ...secrets, S3_BUCKET: 'b' }).storage.kind).toBe('s3');
    expect(problems({ AITOOLS_MAX_FILE_MB: '0', AITOOLS_MODEL_TIMEOUT_MS: 'x' }).map((problem) => problem.variable).sort()).toEqual(['AITOOLS_MAX_FILE_MB', 'AITOOLS_MODEL_TIMEOUT_MS']);
  });

  test('the service module: core-aitools on 18668, pointed at the hub of the embedded process, nothing to migrate', async () => {
    expect(aitoolsService).toMatchObject({ name: 'aitools', composeName: 'core-aitools', defaultPort: 18668 });
    const database = { host: '127.0.0.1', port: 5432, user: 'u', password: 'p', database: 'd' };
    expect(aitoolsService.embeddedEnv({ database, peers: { hub: 'http://127.0.0.1:8080' }, consoleDir: '' })).toEqual({ HUB_URL: 'http://127.0.0.1:8080' });
    expect(await aitoolsService.migrate(loadConfig({}))).toEqual([]);
    expect(aitoolsService.dependencies(loadConfig({}))).toEqual([]);
    expect(aitoolsService.dependencies(loadConfig({ S3_BUCKET: 'b', S3_ENDPOINT: 'http://minio:9000' })).map((dependency) => dependency.name)).toEqual(['storage']);
  });
});
