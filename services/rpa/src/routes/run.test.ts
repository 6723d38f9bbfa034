import { startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';
import { testServers, uniqueName } from '@astron/testing/servers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PLATFORM_TOKEN, platformEnv, startTestRpa, type RpaUnderTest } from '../test-harness.js';

const { postgres } = testServers;
const schema = uniqueName('rpa');
const databaseEnv = { DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}` };

let fake: FakeRpa;
let rpa: RpaUnderTest;

beforeAll(async () => {
  fake = await startFakeRpa({
    tokens: [PLATFORM_TOKEN],
    robots: { 'report-bot': { pendingPolls: 1, data: { report: 'ok' } }, 'broken-bot': { pendingPolls: 0, error: 'element #submit not found' } },
  });
  rpa = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
});

afterAll(async () => {
  await rpa.stop();
  await fake.close();
  const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

describe('POST /rpa/v1/tasks/run (blocking, for tools)', () => {
  test("answers the robot's data as the tool output", async () => {
    const answer = await rpa.call('POST', '/rpa/v1/tasks/run', { body: { project_id: 'report-bot', params: { day: 'monday' }, sid: 'agent-call-1' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      task_id: answer.headers.get('x-rpa-task-id'),
      sid: 'agent-call-1',
      project_id: 'report-bot',
      status: 'completed',
      code: 0,
      message: 'Success',
      data: { report: 'ok' },
      error: null,
    });
  });

  test('a failed robot is a 200 with an error a program can branch on', async () => {
    const answer = await rpa.call('POST', '/rpa/v1/tasks/run', { body: { project_id: 'broken-bot' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'failed',
      code: 55002,
      message: 'Query task error: element #submit not found',
      data: null,
      error: { reason: 'robot_failed', message: 'element #submit not found', retryable: false },
    });
  });

  test('a platform that stays down is a retryable create_failed error', async () => {
    fake.state.faults.create.push(503, 503, 503);
    const answer = await rpa.call('POST', '/rpa/v1/tasks/run', { body: { project_id: 'report-bot' } });
    expect(answer.body).toMatchObject({ status: 'error', code: 55001, error: { reason: 'create_failed', retryable: true } });
    expect(fake.state.faults.create).toHaveLength(0);
  });

  test('bad input and missing tokens are refused like /rpa/v1/exec', async () => {
    expect((await rpa.call('POST', '/rpa/v1/tasks/run', { body: { project_id: 7 } })).status).toBe(400);
    expect((await rpa.call('POST', '/rpa/v1/tasks/run', { platformToken: null, body: { project_id: 'report-bot' } })).body.code).toBe('rpa_token_missing');
    expect((await rpa.call('POST', '/rpa/v1/tasks/run', { serviceToken: false, body: { project_id: 'report-bot' } })).status).toBe(401);
  });
});

describe('task records', () => {
  test('are listed newest first, page by page, filtered, and only in their own space', async () => {
    for (const sid of ['b-1', 'b-2', 'b-3']) {
      expect((await rpa.call('POST', '/rpa/v1/tasks/run', { space: 'space_b', body: { project_id: 'report-bot', sid } })).body.status).toBe('completed');
    }
    await rpa.call('POST', '/rpa/v1/tasks/run', { space: 'space_b', body: { project_id: 'broken-bot', sid: 'b-4' } });

    const first = await rpa.call('GET', '/rpa/v1/tasks?limit=2', { space: 'space_b' });
    expect(first.body.tasks.map((task: any) => task.sid)).toEqual(['b-4', 'b-3']);
    const second = await rpa.call('GET', `/rpa/v1/tasks?limit=2&cursor=${first.body.next_cursor}`, { space: 'space_b' });
    expect(second.body.tasks.map((task: any) => task.sid)).toEqual(['b-2', 'b-1']);
    const third = await rpa.call('GET', `/rpa/v1/tasks?limit=2&cursor=${second.body.next_cursor}`, { space: 'space_b' });
    expect(third.body).toEqual({ tasks: [], next_cursor: null });

    const failed = await rpa.call('GET', '/rpa/v1/tasks?status=failed', { space: 'space_b' });
    expect(failed.body.tasks.map((task: any) => task.sid)).toEqual(['b-4']);
    const reports = await rpa.call('GET', '/rpa/v1/tasks?project_id=report-bot', { space: 'space_b' });
    expect(reports.body.tasks).toHaveLength(3);

    const elsewhere = await rpa.call('GET', '/rpa/v1/tasks', { space: 'space_c' });
    expect(elsewhere.body.tasks).toEqual([]);
    const someone = first.body.tasks[0].task_id as string;
    const stolen = await rpa.call('GET', `/rpa/v1/tasks/${someone}`, { space: 'space_c' });
    expect(stolen.status).toBe(404);
    expect(stolen.body.code).toBe('not_found');
  });

  test('bad ids, cursors and filters are 400s', async () => {
    expect((await rpa.call('GET', '/rpa/v1/tasks/not-an-id')).status).toBe(400);
    expect((await rpa.call('GET', '/rpa/v1/tasks?status=done')).status).toBe(400);
    expect((await rpa.call('GET', '/rpa/v1/tasks?limit=0')).status).toBe(400);
    const cursor = await rpa.call('GET', '/rpa/v1/tasks?cursor=0123456789abcdef');
    expect(cursor.status).toBe(400);
    expect(cursor.body.code).toBe('invalid_cursor');
  });
});

describe('without a platform', () => {
  test('the service runs, and running a task is a 503 naming the variables', async () => {
    const bare = await startTestRpa(databaseEnv);
    try {
      const answer = await bare.call('POST', '/rpa/v1/exec', { body: { project_id: 'report-bot' } });
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ code: 'rpa_not_configured', message: expect.stringContaining('XIAOWU_RPA_TASK_CREATE_URL') });
      expect((await bare.call('GET', '/rpa/v1/tasks')).status).toBe(200);
    } finally {
      await bare.stop();
    }
  });
});
