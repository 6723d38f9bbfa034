import { ConfigError } from '@astron/kit/config';
import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { memoryService } from './index.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('memory configuration', () => {
  test('embedded defaults: its own PGlite under the data dir, the memdb_ prefix, the limits', () => {
    const config = loadConfig({ ASTRON_DATA_DIR: '/data' });
    expect(config.service.port).toBe(7990);
    expect(config.database).toMatchObject({ kind: 'pglite', dataDir: '/data/pglite-memory', namespace: 'memory' });
    expect(config.schemaPrefix).toBe('memdb_');
    expect(config.limits).toEqual({ maxRows: 1000, statementTimeoutMs: 10_000, maxSqlChars: 100_000, maxImportBytes: 20 * 1024 * 1024 });
  });

  test("the original's PGSQL_* variables win over DATABASE_URL", () => {
    const config = loadConfig({ PGSQL_HOST: 'postgres', PGSQL_PORT: '5433', PGSQL_USER: 'astron', PGSQL_PASSWORD: 'secret', PGSQL_DATABASE: 'sparkdb_manager', DATABASE_URL: 'postgres://x@y/z', MEMORY_SCHEMA_PREFIX: 'agentdb_', MEMORY_MAX_ROWS: '50' });
    expect(config.database).toMatchObject({ kind: 'postgres', host: 'postgres', port: 5433, user: 'astron', password: 'secret', database: 'sparkdb_manager', namespace: 'memory' });
    expect(config.schemaPrefix).toBe('agentdb_');
    expect(config.limits.maxRows).toBe(50);
    expect(loadConfig({ DATABASE_URL: 'postgres://astron:pw@db:5432/astron?schema=mem' }).database).toMatchObject({ kind: 'postgres', host: 'db', namespace: 'mem' });
  });

  test('a bad configuration names its variables', () => {
    expect(problems({ PGSQL_HOST: 'postgres' })).toEqual(['PGSQL_USER']);
    expect(problems({ DATABASE_URL: 'mysql://root@mysql:3306/memory' })).toEqual(['DATABASE_URL']);
    expect(problems({ MEMORY_SCHEMA_PREFIX: 'Bad-Prefix' })).toEqual(['MEMORY_SCHEMA_PREFIX']);
    expect(problems({ MEMORY_MAX_ROWS: '0' })).toEqual(['MEMORY_MAX_ROWS']);
    expect(problems({ ASTRON_MODE: 'distributed', ASTRON_SERVICE_TOKEN: 'a'.repeat(40), ASTRON_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') })).toEqual(['PGSQL_HOST']);
  });

  test('the embedded start points it at the shared PostgreSQL through the PGSQL_* family', () => {
    const env = memoryService.embeddedEnv({ database: { host: '127.0.0.1', port: 6543, user: 'postgres', password: '', database: 'postgres' }, peers: {}, consoleDir: '' });
    expect(env).toEqual({ PGSQL_HOST: '127.0.0.1', PGSQL_PORT: '6543', PGSQL_USER: 'postgres', PGSQL_PASSWORD: '', PGSQL_DATABASE: 'postgres' });
    expect(loadConfig(env).database).toMatchObject({ kind: 'postgres', host: '127.0.0.1', port: 6543, namespace: 'memory' });
    expect(memoryService).toMatchObject({ name: 'memory', composeName: 'core-memory', defaultPort: 7990 });
  });
});
