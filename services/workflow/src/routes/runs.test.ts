import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chain, flow, literal, node, ref } from '../engine/test-flows.js';
import { sseEvents, startTestWorkflow, type WorkflowUnderTest } from '../test-harness.js';

let workflow: WorkflowUnderTest;

beforeAll(async () => {
  workflow = await startTestWorkflow();
}, 120_000);

afterAll(async () => {
  await workflow?.service.stop();
});

const greeting = () => {
  const start = node('node-start', { outputs: ['name'] });
  const join = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt: 'Hello, {{name}}!' } });
  const end = node('node-end', { inputs: { text: ref(join.id, 'output') }, param: { outputMode: 1, template: '{{text}}' } });
  return flow([start, join, end], chain(start, join, end));
};

const asking = () => {
  const start = node('node-start');
  const ask = node('question-answer', { param: { question: 'Your name?', answerType: 'direct' } });
  const end = node('node-end', { inputs: { name: ref(ask.id, 'content') } });
  return flow([start, ask, end], chain(start, ask, end));
};

describe('the run API', () => {
  test('a blocking run answers with the finished run; its node runs are listed with timings', async () => {
    const started = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_greet', version: 2, workflow: greeting(), inputs: { name: 'Ada' } } });
    expect(started.status, started.text).toBe(200);
    expect(started.body).toMatchObject({ workflowId: 'wf_greet', version: 2, status: 'succeeded', outputs: { output: 'Hello, Ada!' }, finishedAt: expect.any(String) });
    const details = await workflow.call('GET', `/workflow/runs/${started.body.id}`);
    expect(details.body.nodes.map((item: any) => [item.nodeType, item.status])).toEqual([
      ['node-start', 'succeeded'],
      ['text-joiner', 'succeeded'],
      ['node-end', 'succeeded'],
    ]);
    expect(details.body.nodes[1]).toMatchObject({ inputs: { name: 'Ada' }, outputs: { output: 'Hello, Ada!' }, durationMs: expect.any(Number) });
  });

  test('a streamed run sends numbered events; a reader that reconnects with Last-Event-ID gets the rest, once', async () => {
    const streamed = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_greet', workflow: greeting(), inputs: { name: 'Bo' }, stream: true } });
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(streamed.text);
    expect(events.map((event) => event.event)).toEqual([
      'run-started',
      'node-started',
      'node-finished',
      'node-started',
      'node-finished',
      'node-started',
      'node-delta',
      'node-finished',
      'run-finished',
    ]);
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)?.data).toEqual({ outputs: { output: 'Hello, Bo!' } });
    const runId = (events[0]?.data as { runId: string }).runId;

    const rest = await workflow.call('GET', `/workflow/runs/${runId}/events`, { headers: { 'last-event-id': '6' } });
    expect(sseEvents(rest.text).map((event) => [event.id, event.event])).toEqual([
      ['7', 'node-delta'],
      ['8', 'node-finished'],
      ['9', 'run-finished'],
    ]);
    expect((await workflow.call('GET', `/workflow/runs/${runId}/events?after=x`)).status).toBe(400);
  });

  test('a paused run is answered through resume by its owner only, and streams on from there', async () => {
    const paused = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_ask', workflow: asking() } });
    expect(paused.body.status).toBe('paused');
    const runId = paused.body.id as string;
    expect((await workflow.call('POST', `/workflow/runs/${runId}/resume`, { as: { app: 'app_2' }, body: { answer: 'Eve' } })).status).toBe(404);
    expect((await workflow.call('POST', `/workflow/runs/${runId}/resume`, { space: 'space_b', body: { answer: 'Eve' } })).status).toBe(404);
    expect((await workflow.call('POST', `/workflow/runs/${runId}/resume`, { body: {} })).status).toBe(400);
    const resumed = await workflow.call('POST', `/workflow/runs/${runId}/resume`, { body: { answer: 'Cy', stream: true } });
    const events = sseEvents(resumed.text);
    expect(events[0]?.event).toBe('run-resumed');
    expect(events.at(-1)).toMatchObject({ event: 'run-finished', data: { outputs: { name: 'Cy' } } });
    expect((await workflow.call('POST', `/workflow/runs/${runId}/resume`, { body: { answer: 'again' } })).body.code).toBe('run_not_paused');
  });

  test('runs are listed per workflow, newest first, paged; filtered by status; cancel ends a paused run', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      ids.push((await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_list', workflow: asking() } })).body.id as string);
    }
    const cancelled = await workflow.call('POST', `/workflow/runs/${ids[0]}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await workflow.call('POST', `/workflow/runs/${ids[0]}/cancel`)).status).toBe(409);
    const first = await workflow.call('GET', '/workflow/runs?workflowId=wf_list&limit=2');
    expect(first.body.items.map((item: any) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await workflow.call('GET', `/workflow/runs?workflowId=wf_list&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: ids[0], status: 'cancelled' }], nextCursor: null });
    expect((await workflow.call('GET', '/workflow/runs?workflowId=wf_list&status=paused')).body.items).toHaveLength(2);
    expect((await workflow.call('GET', '/workflow/runs?workflowId=wf_list', { space: 'space_b' })).body.items).toEqual([]);
    expect((await workflow.call('GET', '/workflow/runs?workflowId=wf_list&cursor=bogus')).status).toBe(400);
  });

  test('runs are the space\'s own; tokens need a space and an owner; bad requests name the field', async () => {
    const run = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_greet', workflow: greeting(), inputs: { name: 'Di' } } });
    expect((await workflow.call('GET', `/workflow/runs/${run.body.id}`, { space: 'space_b' })).status).toBe(404);
    // Another app of the same space (another API key's app) sees nothing of it; people in the console see it.
    const otherApp = { as: { app: 'app_2' } } as const;
    expect((await workflow.call('GET', `/workflow/runs/${run.body.id}`, otherApp)).status).toBe(404);
    expect((await workflow.call('GET', `/workflow/runs/${run.body.id}/events`, otherApp)).status).toBe(404);
    expect((await workflow.call('POST', `/workflow/runs/${run.body.id}/cancel`, otherApp)).status).toBe(404);
    expect((await workflow.call('GET', '/workflow/runs?workflowId=wf_greet', otherApp)).body.items).toEqual([]);
    expect((await workflow.call('GET', `/workflow/runs/${run.body.id}`, { as: { user: 'usr_1' } })).status).toBe(200);
    expect((await workflow.call('GET', `/workflow/runs/${run.body.id}/events`, { space: 'space_b' })).status).toBe(404);
    expect((await workflow.call('POST', `/workflow/runs/${run.body.id}/cancel`, { space: 'space_b' })).status).toBe(404);
    expect((await workflow.call('GET', '/workflow/runs?workflowId=x', { space: null })).status).toBe(403);
    expect((await workflow.call('POST', '/workflow/runs', { as: null, body: { workflowId: 'x', workflow: greeting() } })).body.code).toBe('owner_required');
    const unauthenticated = await fetch(`${workflow.url}/workflow/runs?workflowId=x`);
    expect(unauthenticated.status).toBe(401);
    const bad = await workflow.call('POST', '/workflow/runs', { body: { workflowId: '', workflow: { nodes: [], edges: [] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('body.workflowId');
    expect(bad.body.message).toContain('body.workflow.nodes');
  });

  test('a workflow without a start fails its run with a message, not the service', async () => {
    const end = node('node-end');
    const other = node('text-joiner', { inputs: { x: literal('y') }, outputs: ['output'] });
    const failed = await workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_bad', workflow: flow([other, end], chain(other, end)) } });
    expect(failed.body).toMatchObject({ status: 'failed', error: { code: 'workflow_invalid', message: expect.stringContaining('node-start') } });
  });
});
