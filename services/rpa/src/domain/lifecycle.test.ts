import { readEventStream } from '@astron/kit/service-client';
import { queriesOf, startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';
import { testServers, uniqueName } from '@astron/testing/servers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, PLATFORM_TOKEN, platformEnv, startTestRpa, type RpaUnderTest } from '../test-harness.js';

const { postgres } = testServers;
const schema = uniqueName('rpa');
const databaseEnv = { DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}` };

let fake: FakeRpa;

beforeAll(async () => {
  fake = await startFakeRpa({ tokens: [PLATFORM_TOKEN], robots: { 'endless-bot': { hang: true }, 'quick-bot': { pendingPolls: 0 } } });
});

afterAll(async () => {
  await fake.close();
  const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

const executionOf = (taskId: string, rpa: RpaUnderTest) => eventually(() => rpa.call('GET', `/rpa/v1/tasks/${taskId}`), (answer) => answer.body?.execution_id !== null).then((answer) => answer.body.execution_id as string);

describe('a task that never ends', () => {
  let rpa: RpaUnderTest;
  beforeAll(async () => {
    rpa = await startTestRpa({ ...databaseEnv, ...platformEnv(fake), XIAOWU_RPA_TIMEOUT: '0.3' });
  });
  afterAll(() => rpa.stop());

  test('ends with 55003 after XIAOWU_RPA_TIMEOUT and is cancelled on the platform', async () => {
    const started = Date.now();
    const answer = await rpa.exec({ project_id: 'endless-bot', sid: 's-timeout' });
    const elapsed = Date.now() - started;
    expect(answer.events).toEqual([{ event: undefined, data: { code: 55003, message: 'Timeout error', sid: 's-timeout', data: null } }]);
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(2_500);
    const taskId = answer.headers.get('x-rpa-task-id') as string;
    const record = await rpa.call('GET', `/rpa/v1/tasks/${taskId}`);
    expect(record.body).toMatchObject({ status: 'timeout', code: 55003 });
    expect(fake.state.executions.get(record.body.execution_id)?.cancelled).toBe(true);
  });

  test('the blocking run answers the timeout as a tool error', async () => {
    const answer = await rpa.call('POST', '/rpa/v1/tasks/run', { body: { project_id: 'endless-bot' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'timeout', code: 55003, data: null, error: { reason: 'timeout', retryable: false, message: expect.stringContaining('XIAOWU_RPA_TIMEOUT') } });
  });
});

describe('callers that leave', () => {
  let rpa: RpaUnderTest;
  beforeAll(async () => {
    rpa = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
  });
  afterAll(() => rpa.stop());

  test('a client that disconnects stops the polling and cancels the task on the platform', async () => {
    const controller = new AbortController();
    const response = await rpa.open('POST', '/rpa/v1/exec?progress=true', { body: { project_id: 'endless-bot' }, signal: controller.signal });
    const taskId = response.headers.get('x-rpa-task-id') as string;
    const seen: string[] = [];
    try {
      for await (const event of readEventStream(response.body!)) {
        seen.push(event.event ?? 'data');
        if (seen.filter((name) => name === 'task-progress').length === 2) break;
      }
    } finally {
      controller.abort();
    }
    expect(seen).toEqual(['task-created', 'task-progress', 'task-progress']);

    const record = await eventually(() => rpa.call('GET', `/rpa/v1/tasks/${taskId}`), (answer) => answer.body.status !== 'running');
    expect(record.body).toMatchObject({ status: 'cancelled', code: 55000, message: 'Failure, detail: the caller went away before the task ended' });
    const executionId = record.body.execution_id as string;
    expect(fake.state.executions.get(executionId)?.cancelled).toBe(true);
    const polled = queriesOf(fake.state, executionId).length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(queriesOf(fake.state, executionId)).toHaveLength(polled);
  });

  test('a blocking caller that hangs up cancels its task too', async () => {
    const controller = new AbortController();
    const pending = rpa.open('POST', '/rpa/v1/tasks/run', { body: { project_id: 'endless-bot', sid: 's-hangup' }, signal: controller.signal }).catch((error: unknown) => error);
    const listed = await eventually(() => rpa.call('GET', '/rpa/v1/tasks?limit=1'), (answer) => answer.body.tasks[0]?.sid === 's-hangup' && answer.body.tasks[0]?.polls > 0);
    controller.abort();
    await pending;
    const taskId = listed.body.tasks[0].task_id as string;
    const record = await eventually(() => rpa.call('GET', `/rpa/v1/tasks/${taskId}`), (answer) => answer.body.status !== 'running');
    expect(record.body).toMatchObject({ status: 'cancelled', mode: 'blocking' });
    expect(fake.state.executions.get(record.body.execution_id)?.cancelled).toBe(true);
  });
});

describe('stopping the service', () => {
  test('ends the tasks it follows with a retryable "cancelled" frame and cancels them on the platform', async () => {
    const rpa = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
    const streamed = rpa.exec({ project_id: 'endless-bot', sid: 's-shutdown' });
    const answers = await eventually(() => rpa.call('GET', '/rpa/v1/tasks?limit=1'), (answer) => answer.body.tasks[0]?.sid === 's-shutdown' && answer.body.tasks[0]?.execution_id !== null);
    const taskId = answers.body.tasks[0].task_id as string;
    await rpa.stop();
    const answer = await streamed;
    expect(answer.events.find((event) => event.event === undefined)?.data).toEqual({ code: 55000, message: 'Failure, detail: the rpa service is shutting down; run the task again', sid: 's-shutdown', data: null });

    const again = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
    try {
      const record = await again.call('GET', `/rpa/v1/tasks/${taskId}`);
      expect(record.body).toMatchObject({ status: 'cancelled', code: 55000 });
      expect(fake.state.executions.get(await executionOf(taskId, again))?.cancelled).toBe(true);
    } finally {
      await again.stop();
    }
  });

  test('a task a crashed process left unfinished is marked when a service starts', async () => {
    const rpa = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
    const old = new Date(Date.now() - 3_600_000);
    await rpa.service.runtime.store.insert({
      id: 'a1a1a1a1a1a1a1a1', spaceId: 'space_a', createdBy: 'user:usr_1', projectId: 'quick-bot', execPosition: 'EXECUTOR', sid: 'crashed', params: null, mode: 'stream',
      executionId: 'exec_lost', status: 'running', platformStatus: 'PENDING', polls: 4, code: null, message: null, result: null, createdAt: old, updatedAt: old, finishedAt: null,
    });
    await rpa.stop();
    const again = await startTestRpa({ ...databaseEnv, ...platformEnv(fake) });
    try {
      const record = await again.call('GET', '/rpa/v1/tasks/a1a1a1a1a1a1a1a1');
      expect(record.body).toMatchObject({ status: 'error', code: 55999, message: 'Unknown error, detail: the rpa service stopped while following the task' });
    } finally {
      await again.stop();
    }
  });
});
