import { queriesOf, startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';
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
    robots: {
      'invoice-bot': { pendingPolls: 2, data: { invoices: 3, total: '1280.00' } },
      'slow-bot': { pendingPolls: 5 },
      'broken-bot': { pendingPolls: 1, error: 'the invoice portal rejected the login' },
      'running-bot': { pendingPolls: 1, runningStatus: 'RUNNING' },
      'odd-bot': { pendingPolls: 1, runningStatus: 'PAUSED_FOR_REVIEW' },
      'endless-bot': { hang: true },
    },
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

const dataFrames = (events: { event: string | undefined; data: any }[]) => events.filter((event) => event.event === undefined);

describe('POST /rpa/v1/exec', () => {
  test('streams progress, then the robot result in the original frame; the task is recorded', async () => {
    const answer = await rpa.exec({ project_id: 'invoice-bot', params: { month: '2025-09' }, sid: 'sid-invoices' }, { progress: true });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const taskId = answer.headers.get('x-rpa-task-id');
    expect(taskId).toMatch(/^[0-9a-f]{16}$/);

    expect(answer.events.map((event) => event.event)).toEqual(['task-created', 'task-progress', 'task-progress', undefined]);
    const executionId = answer.events[0]?.data.execution_id as string;
    expect(answer.events[0]?.data).toEqual({ task_id: taskId, sid: 'sid-invoices', execution_id: executionId });
    expect(answer.events[1]?.data).toMatchObject({ task_id: taskId, execution_id: executionId, status: 'PENDING', polls: 1 });
    expect(answer.events[2]?.data).toMatchObject({ status: 'PENDING', polls: 2 });
    expect(answer.events[3]?.data).toEqual({ code: 0, message: 'Success', sid: 'sid-invoices', data: { invoices: 3, total: '1280.00' } });

    const created = fake.state.requests.find((request) => request.method === 'POST' && request.path.endsWith('/execute-async'));
    expect(created?.headers.authorization).toBe(`Bearer ${PLATFORM_TOKEN}`);
    expect(created?.body).toEqual({ project_id: 'invoice-bot', exec_position: 'EXECUTOR', params: { month: '2025-09' } });
    expect(queriesOf(fake.state, executionId)).toHaveLength(3);

    const record = await rpa.call('GET', `/rpa/v1/tasks/${taskId}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ task_id: taskId, sid: 'sid-invoices', project_id: 'invoice-bot', mode: 'stream', status: 'completed', execution_id: executionId, platform_status: 'PENDING', polls: 2, code: 0, message: 'Success', data: { invoices: 3, total: '1280.00' }, params: { month: '2025-09' }, created_by: 'user:usr_1' });
    expect(record.text).not.toContain(PLATFORM_TOKEN);
  });

  test('without ?progress the stream is what the original sends: keep-alive comments and one data frame', async () => {
    const answer = await rpa.exec({ project_id: 'slow-bot', exec_position: 'EXECUTOR', params: null });
    expect(answer.events).toHaveLength(1);
    const frame = answer.events[0]?.data;
    expect(Object.keys(frame).sort()).toEqual(['code', 'data', 'message', 'sid']);
    expect(frame).toMatchObject({ code: 0, message: 'Success', data: { project_id: 'slow-bot', exec_position: 'EXECUTOR', params: null } });
    // No sid given: the task id stands in for it.
    expect(frame.sid).toBe(answer.headers.get('x-rpa-task-id'));
    expect(answer.raw).toContain(': keep-alive');
  });

  test('a failed robot ends with 55002 and its error, as the original words it', async () => {
    const answer = await rpa.exec({ project_id: 'broken-bot', sid: 's-broken' });
    expect(dataFrames(answer.events)).toEqual([{ event: undefined, data: { code: 55002, message: 'Query task error: the invoice portal rejected the login', sid: 's-broken', data: null } }]);
    const record = await rpa.call('GET', `/rpa/v1/tasks/${answer.headers.get('x-rpa-task-id')}`);
    expect(record.body).toMatchObject({ status: 'failed', code: 55002 });
  });

  test('a task the platform refuses ends with 55001 naming why', async () => {
    const unknown = await rpa.exec({ project_id: 'no-such-robot' });
    expect(unknown.events[0]?.data).toMatchObject({ code: 55001, data: null });
    expect(unknown.events[0]?.data.message).toMatch(/^Create task error, detail: the RPA platform refused the task: project not found: no-such-robot/);

    const wrongToken = await rpa.exec({ project_id: 'invoice-bot' }, { platformToken: 'not-a-platform-token' });
    expect(wrongToken.events[0]?.data.code).toBe(55001);
    expect(wrongToken.events[0]?.data.message).toContain('HTTP 401');
  });

  test('RUNNING counts as under way; a status the platform never documented ends the task with 55002', async () => {
    const running = await rpa.exec({ project_id: 'running-bot' });
    expect(running.events[0]?.data).toMatchObject({ code: 0, message: 'Success' });
    const odd = await rpa.exec({ project_id: 'odd-bot' });
    expect(odd.events[0]?.data).toMatchObject({ code: 55002, message: 'Query task error, detail: Unknown task status: PAUSED_FOR_REVIEW' });
  });
});

describe('talking to a flaky platform', () => {
  test('status queries that fail for a moment (5xx, a dropped connection) are retried with the backoff', async () => {
    fake.state.faults.query.push(503, 0);
    const answer = await rpa.exec({ project_id: 'invoice-bot' }, { progress: true });
    expect(answer.events.at(-1)?.data).toMatchObject({ code: 0, data: { invoices: 3 } });
    const executionId = answer.events[0]?.data.execution_id as string;
    // Two failed queries, then two PENDING and the COMPLETED one.
    expect(queriesOf(fake.state, executionId)).toHaveLength(5);
    const times = queriesOf(fake.state, executionId).map((request) => request.at);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(20 + 40 + 40 + 40 - 15);
  });

  test('5xx answers beyond RPA_PLATFORM_RETRIES end the task with 55002', async () => {
    fake.state.faults.query.push(503, 503, 503);
    const answer = await rpa.exec({ project_id: 'invoice-bot' }, { progress: true });
    const final = answer.events.at(-1)?.data;
    expect(final.code).toBe(55002);
    expect(final.message).toBe('Query task error, detail: the RPA platform answered HTTP 503: {"code":"503","msg":"injected fault 503","data":null} (3 failures in a row)');
    expect(queriesOf(fake.state, answer.events[0]?.data.execution_id as string)).toHaveLength(3);
  });

  test('task creation is retried only when the platform surely did not start the robot', async () => {
    const creations = () => fake.state.requests.filter((request) => request.path.endsWith('/execute-async')).length;
    let before = creations();
    fake.state.faults.create.push(503);
    expect((await rpa.exec({ project_id: 'invoice-bot' })).events[0]?.data.code).toBe(0);
    expect(creations() - before).toBe(2);

    // A 500 may come after the robot started: trying again could run it twice.
    before = creations();
    fake.state.faults.create.push(500);
    const answer = await rpa.exec({ project_id: 'invoice-bot' });
    expect(answer.events[0]?.data).toMatchObject({ code: 55001, message: expect.stringContaining('HTTP 500') });
    expect(creations() - before).toBe(1);
  });
});

describe('bad calls are refused before any stream opens', () => {
  test('400 for a bad body, naming the field', async () => {
    const missing = await rpa.call('POST', '/rpa/v1/exec', { body: { params: {} } });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('validation_failed');
    expect(missing.text).toContain('project_id');

    const notAnObject = await rpa.call('POST', '/rpa/v1/exec', { body: { project_id: 'invoice-bot', params: ['a'] } });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.text).toContain('params');

    const empty = await rpa.call('POST', '/rpa/v1/exec', { body: { project_id: '  ' } });
    expect(empty.status).toBe(400);
  });

  test('401 without the service token or the platform token; 403 for a token without a space', async () => {
    const noService = await rpa.call('POST', '/rpa/v1/exec', { serviceToken: false, body: { project_id: 'invoice-bot' } });
    expect(noService.status).toBe(401);
    expect(noService.body.code).toBe('missing_service_token');

    const noPlatform = await rpa.call('POST', '/rpa/v1/exec', { platformToken: null, body: { project_id: 'invoice-bot' } });
    expect(noPlatform.status).toBe(401);
    expect(noPlatform.body).toMatchObject({ code: 'rpa_token_missing', message: expect.stringContaining('x-rpa-authorization') });

    const noSpace = await rpa.call('POST', '/rpa/v1/exec', { space: null, body: { project_id: 'invoice-bot' } });
    expect(noSpace.status).toBe(403);
    expect(fake.state.requests.some((request) => request.headers.authorization === undefined)).toBe(false);
  });

  test('the probes and the OpenAPI description need no token', async () => {
    expect((await rpa.call('GET', '/health', { serviceToken: false })).status).toBe(200);
    expect((await rpa.call('GET', '/ready', { serviceToken: false })).status).toBe(200);
    const openapi = await rpa.call('GET', '/openapi.json', { serviceToken: false });
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/rpa/v1/exec', '/rpa/v1/tasks/run', '/rpa/v1/tasks', '/rpa/v1/tasks/{taskId}']));
  });
});
