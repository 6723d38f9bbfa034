import { ConfigError } from '@astron/kit/config';
import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { rpaService } from './index.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
};

const platform = { XIAOWU_RPA_TASK_CREATE_URL: 'https://rpa.example.com/api/tasks', XIAOWU_RPA_TASK_QUERY_URL: 'https://rpa.example.com/api/tasks/' };

describe('rpa configuration', () => {
  test("embedded defaults: its own PGlite, no platform, the original's timings", () => {
    const config = loadConfig({ ASTRON_DATA_DIR: '/data' });
    expect(config.service.port).toBe(8003);
    expect(config.database).toMatchObject({ kind: 'pglite', dataDir: '/data/pglite-rpa', namespace: 'rpa' });
    expect(config.platform).toBeNull();
    expect(config.timing).toEqual({ timeoutMs: 300_000, pingIntervalMs: 3_000, firstPollIntervalMs: 1_000, maxPollIntervalMs: 10_000, requestTimeoutMs: 30_000, retries: 3 });
  });

  test("the original's XIAOWU_RPA_* variables, in seconds, fractions allowed", () => {
    const config = loadConfig({
      ...platform,
      RPA_TASK_CANCEL_URL: 'https://rpa.example.com/api/tasks/cancel',
      XIAOWU_RPA_TIMEOUT: '3000',
      XIAOWU_RPA_PING_INTERVAL: '3',
      XIAOWU_RPA_TASK_QUERY_INTERVAL: '0.5',
      RPA_TASK_QUERY_FIRST_INTERVAL: '2',
      RPA_PLATFORM_RETRIES: '0',
      DATABASE_DB_TYPE: 'mysql',
      DATABASE_URL: '(mysql:3306)/astron_rpa',
      DATABASE_USERNAME: 'root',
    });
    expect(config.platform).toEqual({ createUrl: platform.XIAOWU_RPA_TASK_CREATE_URL, queryUrl: 'https://rpa.example.com/api/tasks', cancelUrl: 'https://rpa.example.com/api/tasks/cancel' });
    // The first wait never exceeds the longest one.
    expect(config.timing).toMatchObject({ timeoutMs: 3_000_000, maxPollIntervalMs: 500, firstPollIntervalMs: 500, retries: 0 });
    expect(config.database).toMatchObject({ kind: 'mysql', namespace: 'astron_rpa' });
  });

  test('half a platform, or a bad number, names the variable', () => {
    expect(problems({ XIAOWU_RPA_TASK_CREATE_URL: platform.XIAOWU_RPA_TASK_CREATE_URL }).map((problem) => problem.variable)).toEqual(['XIAOWU_RPA_TASK_QUERY_URL']);
    expect(problems({ XIAOWU_RPA_TASK_QUERY_URL: platform.XIAOWU_RPA_TASK_QUERY_URL }).map((problem) => problem.variable)).toEqual(['XIAOWU_RPA_TASK_CREATE_URL']);
    expect(problems({ RPA_TASK_CANCEL_URL: 'https://rpa.example.com/cancel' }).map((problem) => problem.variable)).toEqual(['RPA_TASK_CANCEL_URL']);
    const [timeout] = problems({ XIAOWU_RPA_TIMEOUT: 'ten' });
    expect(timeout).toMatchObject({ variable: 'XIAOWU_RPA_TIMEOUT', problem: expect.stringContaining('number of seconds') });
    expect(problems({ XIAOWU_RPA_TASK_CREATE_URL: 'not a url', XIAOWU_RPA_TASK_QUERY_URL: 'also not' }).map((problem) => problem.variable).sort()).toEqual(['XIAOWU_RPA_TASK_CREATE_URL', 'XIAOWU_RPA_TASK_QUERY_URL']);
    expect(problems({ RPA_PLATFORM_RETRIES: '99' })[0]?.variable).toBe('RPA_PLATFORM_RETRIES');
  });

  test('distributed mode needs a database server and real secrets', () => {
    const variables = problems({ ASTRON_MODE: 'distributed' }).map((problem) => problem.variable);
    expect(variables).toEqual(expect.arrayContaining(['ASTRON_SERVICE_TOKEN', 'ASTRON_ENCRYPTION_KEY']));
    const database = problems({ ASTRON_MODE: 'distributed', ASTRON_SERVICE_TOKEN: 'x'.repeat(40), ASTRON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(database.map((problem) => problem.variable)).toEqual(['DATABASE_URL']);
  });

  test('the service module: its names, and the embedded database in its own schema', () => {
    expect(rpaService).toMatchObject({ name: 'rpa', composeName: 'core-rpa', defaultPort: 8003 });
    const env = rpaService.embeddedEnv({ database: { host: '127.0.0.1', port: 5439, user: 'postgres', password: 'p@ss', database: 'astron' }, peers: {}, consoleDir: '' });
    expect(env).toEqual({ DATABASE_DB_TYPE: 'postgres', DATABASE_URL: 'postgres://postgres:p%40ss@127.0.0.1:5439/astron?schema=rpa' });
  });
});
