import { dropNamespace, openMigratedDatabase, startEmbeddedPostgres, type Database, type DatabaseConfig, type EmbeddedPostgres } from '@astron/kit/db';
import { createLogger } from '@astron/kit/log';
import { startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';
import { testServers, uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../config.js';
import { PLATFORM_TOKEN, platformEnv, startTestRpa } from '../test-harness.js';
import { migrations } from './migrations.js';
import type { RpaSchema } from './tables.js';
import { tasksStore, type TaskRecord } from './tasks-store.js';

const { postgres, mysql } = testServers;
let embedded: EmbeddedPostgres;

beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ dataDir: null });
});

afterAll(async () => {
  await embedded.close();
});

/** Each backend as the service would configure it from its variables. */
const backends: { name: string; env: () => Record<string, string> }[] = [
  { name: 'embedded PGlite', env: () => ({ DATABASE_URL: `postgres://${embedded.user}:${embedded.password}@${embedded.host}:${embedded.port}/${embedded.database}?schema=${uniqueName('rpa')}` }) },
  { name: 'PostgreSQL', env: () => ({ DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${uniqueName('rpa')}` }) },
  { name: 'MariaDB', env: () => ({ DATABASE_DB_TYPE: 'mysql', DATABASE_URL: `(${mysql.host}:${mysql.port})/${uniqueName('rpa')}`, DATABASE_USERNAME: mysql.user, DATABASE_PASSWORD: mysql.password }) },
];

function task(id: string, spaceId: string, createdAt: Date, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id, spaceId, createdBy: 'user:usr_1', projectId: 'bot', execPosition: 'EXECUTOR', sid: id, params: { city: '合肥', n: 1 }, mode: 'stream',
    executionId: null, status: 'pending', platformStatus: null, polls: 0, code: null, message: null, result: null, createdAt, updatedAt: createdAt, finishedAt: null,
    ...overrides,
  };
}

describe.each(backends)('task records on $name', (backend) => {
  let config: DatabaseConfig;
  let database: Database<RpaSchema>;
  beforeAll(async () => {
    config = loadConfig(backend.env()).database;
    database = await openMigratedDatabase<RpaSchema>(config, migrations, { logger: createLogger({ service: 'rpa-test', level: 'silent' }) });
  });
  afterAll(async () => {
    await dropNamespace(database);
    await database.close();
  });

  test('a task goes from pending to its end, in its space only', async () => {
    const store = tasksStore(database);
    const at = new Date('2025-10-01T08:00:00.123Z');
    await store.insert(task('0000000000000001', 'space_a', at));
    await store.started('space_a', '0000000000000001', 'exec_9');
    await store.polled('space_a', '0000000000000001', 'PENDING', 3);
    await store.finished('space_b', '0000000000000001', { status: 'failed', code: 55002, message: 'not mine', result: null });
    await store.finished('space_a', '0000000000000001', { status: 'completed', code: 0, message: 'Success', result: { rows: [1, 2], note: '完成' } });
    const found = await store.find('space_a', '0000000000000001');
    expect(found).toMatchObject({ status: 'completed', executionId: 'exec_9', platformStatus: 'PENDING', polls: 3, code: 0, message: 'Success', result: { rows: [1, 2], note: '完成' }, params: { city: '合肥', n: 1 }, createdAt: at });
    expect(found?.finishedAt).toBeInstanceOf(Date);
    expect(await store.find('space_b', '0000000000000001')).toBeNull();
  });

  test('lists newest first with a cursor and filters; abandons only old unfinished tasks', async () => {
    const store = tasksStore(database);
    const base = Date.parse('2025-10-02T00:00:00Z');
    await store.insert(task('00000000000000a1', 'space_l', new Date(base), { status: 'running' }));
    await store.insert(task('00000000000000a2', 'space_l', new Date(base + 1000), { projectId: 'other' }));
    await store.insert(task('00000000000000a3', 'space_l', new Date(base + 1000), { status: 'completed' }));
    const page = await store.list('space_l', { limit: 2 });
    expect(page.map((item) => item.id)).toEqual(['00000000000000a3', '00000000000000a2']);
    const next = await store.list('space_l', { limit: 2, after: { createdAt: page[1]!.createdAt, id: page[1]!.id } });
    expect(next.map((item) => item.id)).toEqual(['00000000000000a1']);
    expect((await store.list('space_l', { limit: 10, projectId: 'other' })).map((item) => item.id)).toEqual(['00000000000000a2']);

    const abandoned = await store.abandon(new Date(base + 500), { status: 'error', code: 55999, message: 'left', result: null });
    expect(abandoned).toBeGreaterThanOrEqual(1);
    expect(await store.find('space_l', '00000000000000a1')).toMatchObject({ status: 'error', code: 55999 });
    expect(await store.find('space_l', '00000000000000a2')).toMatchObject({ status: 'pending' });
  });
});

describe('the service on the embedded database', () => {
  let fake: FakeRpa;
  beforeAll(async () => {
    fake = await startFakeRpa({ tokens: [PLATFORM_TOKEN], robots: { 'hello-bot': { pendingPolls: 1, data: { greeting: '你好' } } } });
  });
  afterAll(() => fake.close());

  test('runs a robot and keeps its record', async () => {
    const rpa = await startTestRpa({ ...backends[0]!.env(), ...platformEnv(fake) });
    try {
      const answer = await rpa.exec({ project_id: 'hello-bot' });
      expect(answer.events[0]?.data).toMatchObject({ code: 0, data: { greeting: '你好' } });
      const record = await rpa.call('GET', `/rpa/v1/tasks/${answer.headers.get('x-rpa-task-id')}`);
      expect(record.body).toMatchObject({ status: 'completed', data: { greeting: '你好' } });
    } finally {
      await rpa.stop();
    }
  });
});
