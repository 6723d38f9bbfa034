import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';

describe('agent configuration', () => {
  test('the original MYSQL_* family wins; DATABASE_* is the fallback; nothing means embedded PGlite', () => {
    const mysql = loadConfig({ MYSQL_HOST: 'mysql', MYSQL_USER: 'astron', MYSQL_PASSWORD: 'pw', MYSQL_DB: 'agent', DATABASE_URL: 'postgres://u@pg/db' });
    expect(mysql.database).toMatchObject({ kind: 'mysql', host: 'mysql', port: 3306, user: 'astron', password: 'pw', namespace: 'agent' });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@pg:5433/db' }).database).toMatchObject({ kind: 'postgres', port: 5433, namespace: 'agent' });
    expect(loadConfig({ ASTRON_DATA_DIR: '/tmp/x' }).database).toMatchObject({ kind: 'pglite', dataDir: '/tmp/x/pglite-agent' });
    expect(loadConfig({}).service.port).toBe(17870);
  });

  test('bad values name their variable', () => {
    expect(() => loadConfig({ MYSQL_HOST: 'mysql' })).toThrow('MYSQL_USER');
    expect(() => loadConfig({ AGENT_TOOL_TIMEOUT_MS: 'soon' })).toThrow('AGENT_TOOL_TIMEOUT_MS');
    expect(() => loadConfig({ ASTRON_MODE: 'distributed' })).toThrow('ASTRON_SERVICE_TOKEN');
  });
});
