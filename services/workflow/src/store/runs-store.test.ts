import { dropNamespace, migrate, openDatabase, type Database } from '@astron/kit/db';
import { serverDatabases, uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrations } from './migrations.js';
import { LeaseLost, runsStore, type NewRun } from './runs-store.js';
import { variablesStore } from './variables-store.js';
import type { WorkflowSchema } from './tables.js';

const backends = serverDatabases('workflow');

const newRun = (id: string): NewRun => ({
  id,
  spaceId: 'space_a',
  workflowId: 'wf_1',
  version: 1,
  owner: { kind: 'app', id: 'app_1' },
  definition: { nodes: [], edges: [] },
  inputs: { question: 'hi 你好' },
});

describe.each(backends)('run store on $name', (backend) => {
  let database: Database<WorkflowSchema>;
  beforeAll(async () => {
    database = await openDatabase<WorkflowSchema>(backend.config());
    await migrate(database, migrations);
  });
  afterAll(async () => {
    await dropNamespace(database);
    await database.close();
  });

  test('one executor at a time holds a run; an expired lease is taken over, and the old holder can no longer write', async () => {
    const store = runsStore(database);
    const created = await store.create(newRun(uniqueName('run')));
    expect(created).toMatchObject({ status: 'queued', eventSeq: 0, inputs: { question: 'hi 你好' } });

    const first = await store.acquire(created.id, 'worker-a', 60_000);
    expect(first).toMatchObject({ status: 'running', startedAt: expect.any(Date) });
    expect(await store.acquire(created.id, 'worker-b', 60_000)).toBeNull();

    const seq = await store.record(created.id, 'worker-a', {
      nodes: [{ nodeKey: 'node-start::1', nodeId: 'node-start::1', nodeType: 'node-start', status: 'succeeded', attempt: 1, outputs: { question: 'hi' }, finished: true }],
      events: [
        { type: 'run-started', data: {} },
        { type: 'node-finished', data: { nodeId: 'node-start::1' } },
      ],
    });
    expect(seq).toBe(2);

    // worker-a stalls: its lease runs out and worker-b takes the run over.
    expect(await store.renew(created.id, 'worker-a', -1)).toBe(true);
    const second = await store.acquire(created.id, 'worker-b', 60_000);
    expect(second?.eventSeq).toBe(2);
    await expect(store.record(created.id, 'worker-a', { events: [{ type: 'node-finished', data: {} }] })).rejects.toBeInstanceOf(LeaseLost);
    expect(await store.renew(created.id, 'worker-a', 60_000)).toBe(false);

    await store.record(created.id, 'worker-b', {
      nodes: [{ nodeKey: 'node-end::1', nodeId: 'node-end::1', nodeType: 'node-end', status: 'succeeded', attempt: 1, outputs: { answer: 42 }, finished: true }],
      events: [{ type: 'run-finished', data: { outputs: { answer: 42 } } }],
      run: { status: 'succeeded', outputs: { answer: 42 } },
    });
    const finished = await store.get('space_a', created.id);
    expect(finished).toMatchObject({ status: 'succeeded', outputs: { answer: 42 }, eventSeq: 3, finishedAt: expect.any(Date) });
    expect(await store.acquire(created.id, 'worker-c', 60_000)).toBeNull();
    expect((await store.nodeRuns(created.id)).map((node) => [node.nodeKey, node.status, node.outputs])).toEqual([
      ['node-start::1', 'succeeded', { question: 'hi' }],
      ['node-end::1', 'succeeded', { answer: 42 }],
    ]);
    expect((await store.events(created.id, 1)).map((event) => [event.seq, event.type])).toEqual([
      [2, 'node-finished'],
      [3, 'run-finished'],
    ]);
    expect(await store.get('space_b', created.id)).toBeNull();
  });

  test('a node run is written once per key and updated on later attempts', async () => {
    const store = runsStore(database);
    const run = await store.create(newRun(uniqueName('run')));
    await store.acquire(run.id, 'w', 60_000);
    const node = { nodeKey: 'code::1@iteration::2#0', nodeId: 'code::1', nodeType: 'ifly-code' };
    await store.record(run.id, 'w', { nodes: [{ ...node, status: 'running', attempt: 1, inputs: { x: 1 } }] });
    await store.record(run.id, 'w', { nodes: [{ ...node, status: 'failed', attempt: 1, inputs: { x: 1 }, error: { code: 'boom' }, finished: true }] });
    await store.record(run.id, 'w', { nodes: [{ ...node, status: 'succeeded', attempt: 2, inputs: { x: 1 }, outputs: { y: 2 }, finished: true }] });
    expect(await store.nodeRuns(run.id)).toEqual([
      expect.objectContaining({ nodeKey: 'code::1@iteration::2#0', status: 'succeeded', attempt: 2, outputs: { y: 2 }, error: null, finishedAt: expect.any(Date) }),
    ]);
  });

  test('cancel and resume are transitions from allowed states only; a paused run lets go of its lease', async () => {
    const store = runsStore(database);
    const run = await store.create(newRun(uniqueName('run')));
    await store.acquire(run.id, 'w', 60_000);
    await store.record(run.id, 'w', { events: [{ type: 'run-paused', data: { eventId: 'ev1' } }], run: { status: 'paused' } });
    expect(await store.acquire(run.id, 'w2', 60_000)).toBeNull();
    expect(await store.transition('space_b', run.id, ['paused'], 'queued', [])).toBeNull();
    const resumed = await store.transition('space_a', run.id, ['paused'], 'queued', [{ type: 'run-resumed', data: {} }]);
    expect(resumed).toMatchObject({ status: 'queued', eventSeq: 2 });
    expect(await store.acquire(run.id, 'w2', 60_000)).toMatchObject({ status: 'running' });
    const cancelled = await store.transition('space_a', run.id, ['queued', 'running', 'paused'], 'cancelled', [{ type: 'run-cancelled', data: {} }]);
    expect(cancelled).toMatchObject({ status: 'cancelled', finishedAt: expect.any(Date) });
    await expect(store.record(run.id, 'w2', { events: [{ type: 'node-started', data: {} }] })).rejects.toBeInstanceOf(LeaseLost);
    expect(await store.transition('space_a', run.id, ['queued', 'running', 'paused'], 'cancelled', [])).toBeNull();
  });

  test('runs whose executor died are found by the recovery sweep; runs list newest first per workflow', async () => {
    const store = runsStore(database);
    const run = await store.create(newRun(uniqueName('run')));
    await store.acquire(run.id, 'dead-worker', -1000);
    expect(await store.orphaned(100, 60_000)).toContain(run.id);
    const stopped = await store.create(newRun(uniqueName('run')));
    await store.acquire(stopped.id, 'stopping-worker', 60_000);
    expect(await store.orphaned(100, 60_000)).not.toContain(stopped.id);
    await store.release(stopped.id, 'stopping-worker');
    const waiting = await store.create(newRun(uniqueName('run')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const found = await store.orphaned(100, 0);
    expect(found).toEqual(expect.arrayContaining([stopped.id, waiting.id]));
    expect(await store.orphaned(100, 60_000)).not.toContain(waiting.id);
    const listed = await store.list('space_a', 'wf_1', { limit: 2 });
    expect(listed.map((item) => item.id)).toEqual([waiting.id, stopped.id]);
    const older = await store.list('space_a', 'wf_1', { limit: 100, before: { createdAt: listed[1]!.createdAt, id: listed[1]!.id } });
    expect(older.map((item) => item.id)).toContain(run.id);
    expect(older.map((item) => item.id)).not.toContain(stopped.id);
    expect((await store.list('space_a', 'wf_1', { limit: 100, status: 'cancelled' })).every((item) => item.status === 'cancelled')).toBe(true);
  });

  test('conversation variables keep any JSON value, per space and scope', async () => {
    const store = variablesStore(database);
    await store.set('space_a', 'wf|app:1|chat', { text: 'tea 你好', list: [1, 'two'], object: { a: null }, flag: false, nothing: null });
    await store.set('space_a', 'wf|app:1|chat', { text: 'milk' });
    expect(await store.get('space_a', 'wf|app:1|chat', ['text', 'list', 'object', 'flag', 'nothing', 'unknown'])).toEqual({ text: 'milk', list: [1, 'two'], object: { a: null }, flag: false, nothing: null });
    expect(await store.get('space_b', 'wf|app:1|chat', ['text'])).toEqual({});
    expect(await store.get('space_a', 'wf|app:1|other', ['text'])).toEqual({});
  });
});
