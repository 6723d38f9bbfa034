import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  databaseEnvShape,
  databaseFromEnv,
  parseEnv,
  redisEnvShape,
  redisFromEnv,
  reportTo,
  requireDistributedSecrets,
  serviceEnvShape,
  serviceSettings,
  storageEnvShape,
  storageFromEnv,
} from './index.js';

const schema = z
  .object({ ...serviceEnvShape(5052), ...databaseEnvShape, ...redisEnvShape })
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => ({
    service: serviceSettings('tenant', env),
    database: reportTo(context, 'DATABASE_URL', databaseFromEnv(env, { namespace: 'tenant', dataDir: './data' })),
    redis: reportTo(context, 'REDIS_ADDR', redisFromEnv(env)),
  }));

const secrets = {
  ASTRON_SERVICE_TOKEN: 'x'.repeat(40),
  ASTRON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv('tenant', schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((item) => item.variable);
  }
  throw new Error('expected the configuration to be refused');
}

describe('config', () => {
  test('embedded defaults need no variables', () => {
    const config = parseEnv('tenant', schema, {});
    expect(config.service).toMatchObject({ port: 5052, mode: 'embedded', host: '127.0.0.1' });
    expect(config.database).toMatchObject({ kind: 'pglite', namespace: 'tenant' });
    expect(config.redis).toBeNull();
  });

  test('the original Go DSN form and the DATABASE_* family', () => {
    const config = parseEnv('tenant', schema, {
      ...secrets,
      ASTRON_MODE: 'distributed',
      DATABASE_DB_TYPE: 'mysql',
      DATABASE_URL: '(mysql:3306)/tenant',
      DATABASE_USERNAME: 'root',
      DATABASE_PASSWORD: 'pw',
      DATABASE_MAX_OPEN_CONNS: '7',
      DATABASE_MAX_IDLE_CONNS: '9',
      REDIS_ADDR: 'redis:6380',
      REDIS_PASSWORD: 'rp',
    });
    expect(config.database).toEqual({
      kind: 'mysql',
      host: 'mysql',
      port: 3306,
      user: 'root',
      password: 'pw',
      namespace: 'tenant',
      pool: { maxOpen: 7, maxIdle: 7 },
    });
    expect(config.redis).toEqual({ host: 'redis', port: 6380, password: 'rp', db: 0 });
    expect(config.service.host).toBe('0.0.0.0');
  });

  test('a postgres URL keeps the service in its own schema', () => {
    const config = parseEnv('tenant', schema, { DATABASE_URL: 'postgres://u:p%40ss@db:5433/astron?schema=apps' });
    expect(config.database).toMatchObject({ kind: 'postgres', host: 'db', port: 5433, password: 'p@ss', database: 'astron', namespace: 'apps' });
  });

  test('bad values are all named at once, secrets never echoed', () => {
    let message = '';
    try {
      parseEnv('tenant', schema, { SERVICE_PORT: 'abc', DATABASE_URL: 'ftp://x/y', DATABASE_PASSWORD: 'hunter2', LOG_LEVEL: 'loud' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('SERVICE_PORT: expected an integer from 1 to 65535; got "abc"');
    expect(message).toContain('LOG_LEVEL: expected one of');
    expect(message).not.toContain('hunter2');
    // Values that combine several variables are checked once each variable is well-formed.
    expect(problems({ DATABASE_URL: 'ftp://x/y' })).toEqual(['DATABASE_URL']);
  });

  test('distributed mode refuses missing or placeholder secrets', () => {
    expect(problems({ ASTRON_MODE: 'distributed' })).toEqual(['ASTRON_SERVICE_TOKEN', 'ASTRON_ENCRYPTION_KEY']);
    expect(problems({ ...secrets, ASTRON_MODE: 'distributed', ASTRON_SERVICE_TOKEN: 'change-me-change-me-change-me-change-me' })).toEqual([
      'ASTRON_SERVICE_TOKEN',
    ]);
    expect(problems({ ...secrets, ASTRON_MODE: 'distributed', ASTRON_ENCRYPTION_KEY: 'c2hvcnQ=' })).toEqual(['ASTRON_ENCRYPTION_KEY']);
  });

  test('redis cluster addresses', () => {
    const config = parseEnv('tenant', schema, { REDIS_IS_CLUSTER: 'true', REDIS_CLUSTER_ADDR: 'r1:7000,r2:7001' });
    expect(config.redis).toMatchObject({ host: 'r1', port: 7000, cluster: { nodes: [{ host: 'r1', port: 7000 }, { host: 'r2', port: 7001 }] } });
    expect(problems({ REDIS_IS_CLUSTER: 'true' })).toEqual(['REDIS_ADDR']);
  });
});

describe('storage variables', () => {
  const storageSchema = z.object(storageEnvShape);
  const local = { root: '/data/files', baseUrl: 'http://127.0.0.1:7880/files', secret: 's' };
  test('local files by default, S3 from either family', () => {
    expect(storageFromEnv(parseEnv('x', storageSchema, {}), local)).toMatchObject({ kind: 'local', root: '/data/files' });
    expect(
      storageFromEnv(parseEnv('x', storageSchema, { OSS_TYPE: 's3', OSS_ENDPOINT: 'minio:9000', OSS_ACCESS_KEY_ID: 'a', OSS_ACCESS_KEY_SECRET: 'b', OSS_BUCKET_NAME: 'workflow' }), local),
    ).toEqual({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'workflow', region: 'us-east-1', accessKeyId: 'a', secretAccessKey: 'b', presignExpirySeconds: 3600 });
    expect(storageFromEnv(parseEnv('x', storageSchema, { S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'hub', S3_PRESIGN_EXPIRY_SECONDS: '60' }), local)).toMatchObject({ bucket: 'hub', presignExpirySeconds: 60 });
    expect(storageFromEnv(parseEnv('x', storageSchema, { S3_ENDPOINT: 'http://minio:9000' }), local)).toContain('bucket');
  });
  test('OSS_TYPE local keeps files local even beside S3 variables; s3 without a bucket, or an unknown type, is named', () => {
    expect(storageFromEnv(parseEnv('x', storageSchema, { OSS_TYPE: 'local', S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'b' }), local)).toMatchObject({ kind: 'local' });
    expect(storageFromEnv(parseEnv('x', storageSchema, { OSS_TYPE: 's3' }), local)).toContain('bucket');
    expect(storageFromEnv(parseEnv('x', storageSchema, { OSS_TYPE: 'ftp', S3_BUCKET: 'b' }), local)).toContain('OSS_TYPE s3, minio or local');
  });
});
