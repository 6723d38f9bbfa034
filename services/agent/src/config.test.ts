import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { agentService } from './index.js';

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

  test('the services of plugins, MCP tools, databases and AI tools: defaults, variables, and the embedded peers', () => {
    expect(loadConfig({})).toMatchObject({ linkUrl: 'http://127.0.0.1:18888', memoryUrl: 'http://127.0.0.1:7990', aitoolsUrl: 'http://127.0.0.1:18668', limits: { toolDescribeTimeoutMs: 10_000 } });
    const set = loadConfig({ LINK_URL: 'http://core-link:18888', MEMORY_URL: 'http://core-memory:7990', AITOOLS_URL: 'http://core-aitools:18668', AGENT_TOOL_DESCRIBE_TIMEOUT_MS: '2500' });
    expect(set).toMatchObject({ linkUrl: 'http://core-link:18888', memoryUrl: 'http://core-memory:7990', aitoolsUrl: 'http://core-aitools:18668', limits: { toolDescribeTimeoutMs: 2500 } });
    expect(() => loadConfig({ LINK_URL: 'core-link' })).toThrow('LINK_URL');
    expect(() => loadConfig({ AGENT_TOOL_DESCRIBE_TIMEOUT_MS: '10' })).toThrow('AGENT_TOOL_DESCRIBE_TIMEOUT_MS');
    const peers = { link: 'http://127.0.0.1:18888', memory: 'http://127.0.0.1:7990', aitools: 'http://127.0.0.1:18668' };
    const env = agentService.embeddedEnv({ database: { host: '127.0.0.1', port: 5999, user: 'postgres', password: '', database: 'postgres' }, peers, consoleDir: '' });
    expect(env).toMatchObject({ LINK_URL: peers.link, MEMORY_URL: peers.memory, AITOOLS_URL: peers.aitools });
    expect(agentService.embeddedEnv({ database: { host: '127.0.0.1', port: 5999, user: 'postgres', password: '', database: 'postgres' }, peers: {}, consoleDir: '' })).not.toHaveProperty('LINK_URL');
  });
});
