import { ConfigError } from '@astron/kit/config';
import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { linkService } from './index.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

describe('link configuration', () => {
  test('embedded defaults: its own PGlite, no Redis, the SSRF guard closed, limits', () => {
    const config = loadConfig({ ASTRON_DATA_DIR: '/data' });
    expect(config.service.port).toBe(18888);
    expect(config.database).toMatchObject({ kind: 'pglite', dataDir: '/data/pglite-link', namespace: 'link' });
    expect(config.redis).toBeNull();
    expect(config.service.egress).toEqual({ allowPrivate: false, allowHosts: [] });
    expect(config.limits).toEqual({ maxDocumentBytes: 5 * 1024 * 1024, runTimeoutMs: 30_000, maxResponseBytes: 2 * 1024 * 1024, mcpTimeoutMs: 30_000, mcpToolsCacheMs: 60_000 });
  });

  test("the original core-link's MYSQL_* and REDIS_ADDR; the limits from their variables", () => {
    const config = loadConfig({
      MYSQL_HOST: 'mysql',
      MYSQL_PORT: '3307',
      MYSQL_USER: 'astron',
      MYSQL_PASSWORD: 'pw',
      MYSQL_DB: 'link',
      REDIS_ADDR: 'redis:6379',
      EGRESS_ALLOW_HOSTS: 'tools.internal,10.1.0.0/16',
      LINK_RUN_TIMEOUT_MS: '5000',
      LINK_MCP_TOOLS_CACHE_SECONDS: '0',
    });
    expect(config.database).toMatchObject({ kind: 'mysql', host: 'mysql', port: 3307, user: 'astron', password: 'pw', namespace: 'link' });
    expect(config.redis).toMatchObject({ host: 'redis', port: 6379 });
    expect(config.service.egress.allowHosts).toEqual(['tools.internal', '10.1.0.0/16']);
    expect(config.limits).toMatchObject({ runTimeoutMs: 5000, mcpToolsCacheMs: 0 });
  });

  test('distributed mode needs a real database and the secrets; bad numbers name their variable', () => {
    expect(problems({ ASTRON_MODE: 'distributed' }).map((problem) => problem.variable)).toEqual(['ASTRON_SERVICE_TOKEN', 'ASTRON_ENCRYPTION_KEY']);
    const secrets = { ASTRON_SERVICE_TOKEN: 'x'.repeat(40), ASTRON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') };
    expect(problems({ ASTRON_MODE: 'distributed', ...secrets }).map((problem) => problem.variable)).toEqual(['MYSQL_HOST']);
    expect(problems({ MYSQL_HOST: 'mysql' }).map((problem) => problem.variable)).toEqual(['MYSQL_USER']);
    expect(problems({ LINK_MAX_RESPONSE_BYTES: '12' }).map((problem) => problem.variable)).toEqual(['LINK_MAX_RESPONSE_BYTES']);
    expect(problems({ EGRESS_ALLOW_PRIVATE: 'perhaps' }).map((problem) => problem.variable)).toEqual(['EGRESS_ALLOW_PRIVATE']);
  });

  test('the embedded start points it at the shared database, in its own schema', () => {
    const env = linkService.embeddedEnv({ database: { host: '127.0.0.1', port: 5999, user: 'postgres', password: '', database: 'postgres' }, peers: {}, consoleDir: '/console' });
    expect(env).toEqual({ DATABASE_DB_TYPE: 'postgres', DATABASE_URL: 'postgres://postgres:@127.0.0.1:5999/postgres?schema=link' });
    expect(loadConfig(env).database).toMatchObject({ kind: 'postgres', port: 5999, namespace: 'link' });
    expect(linkService).toMatchObject({ name: 'link', composeName: 'core-link', defaultPort: 18888 });
  });
});
