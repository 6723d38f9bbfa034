import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { askingFlow, branchingFlow, callingFlow, greetingFlow } from './test-flows.js';

let hub: HubUnderTest;
let alice: Browser;
let bob: Browser;
/** Alice's API key (her space's app), and a key of a second app of her space made in the tenant service directly. */
let key: string;
let otherAppKey: string;
let greeter: any;
let asker: any;
let bobFlow: any;

/** The events of an SSE body: `{ id, event, data }` with data JSON-parsed. */
function sseEvents(text: string): { id: string | undefined; event: string | undefined; data: any }[] {
  return text
    .split('\n\n')
    .filter((block) => block.split('\n').some((line) => line.startsWith('data: ')))
    .map((block) => {
      const lines = block.split('\n');
      const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
      return { id: field('id'), event: field('event'), data: JSON.parse(data) as unknown };
    });
}

const eventTypes = (text: string) => sseEvents(text).map((event) => event.event);

/** A call to the public gateway with an API key. */
async function gateway(apiKey: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const sent: Record<string, string> = { ...headers, ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }) };
  if (body !== undefined) sent['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}${path}`, { method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

async function publishedWorkflow(owner: Browser, fields: Record<string, unknown>): Promise<any> {
  const created = await owner.call('POST', '/api/workflows', fields);
  expect(created.status, created.text).toBe(201);
  expect((await owner.call('POST', `/api/workflows/${created.body.id}/publish`)).status).toBe(200);
  return created.body;
}

beforeAll(async () => {
  hub = await startTestHub();
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
  key = (await alice.call('POST', '/api/api-keys', { name: 'sdk' })).body.key;
  const on = { space: alice.personalSpaceId };
  const app = await hub.context.tenant.call<{ id: string }>('POST', '/apps', { body: { name: 'another app' }, on });
  otherAppKey = (await hub.context.tenant.call<{ bearerToken: string }>('POST', `/apps/${app.id}/keys`, { body: { name: 'other' }, on })).bearerToken;
  greeter = await publishedWorkflow(alice, { name: 'Greeter', alias: 'greeter', draft: greetingFlow() });
  asker = await publishedWorkflow(alice, { name: 'Asker', alias: 'asker', draft: askingFlow() });
  bobFlow = await publishedWorkflow(bob, { name: 'Bob greeter', alias: 'greeter', draft: greetingFlow('Bob says hi to {{name}}') });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('flow nodes', () => {
  test('a flow node runs the published version of another workflow of the space, through the API and from the console', async () => {
    const caller = await publishedWorkflow(alice, { name: 'Caller', draft: callingFlow(greeter.id) });
    const run = await gateway(key, 'POST', `/v1/workflows/${caller.id}/runs`, { inputs: { name: 'Ada' } });
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ status: 'succeeded', outputs: { output: 'Nested: Hello, Ada!' } });
    const pinned = await alice.call('POST', `/api/workflows/${caller.id}/runs`, { inputs: { name: 'Bo' } });
    expect(pinned.body).toMatchObject({ status: 'succeeded', outputs: { output: 'Nested: Hello, Bo!' } });
  });

  test('a flow node naming an unpublished workflow, a missing version or another space\'s workflow stops the run before it starts', async () => {
    const draftOnly = await alice.call('POST', '/api/workflows', { name: 'Unpublished', draft: greetingFlow() });
    for (const draft of [callingFlow(draftOnly.body.id), callingFlow(greeter.id, '99'), callingFlow(bobFlow.id)]) {
      const holder = await alice.call('POST', '/api/workflows', { name: 'Holder', draft });
      const run = await alice.call('POST', `/api/workflows/${holder.body.id}/runs`, { inputs: { name: 'Ada' } });
      expect(run.status, run.text).toBe(409);
      expect(run.body).toMatchObject({ code: 'subflow_unavailable' });
      expect(run.body.message).toMatch(/^node flow::\S+ runs workflow /);
    }
  });
});

describe('debug runs from the console', () => {
  test('blocking: the finished run with its outputs; it runs the draft, not the published version', async () => {
    expect((await alice.call('PATCH', `/api/workflows/${greeter.id}`, { draft: greetingFlow('Draft says hi, {{name}}.') })).status).toBe(200);
    const run = await alice.call('POST', `/api/workflows/${greeter.id}/runs`, { inputs: { name: 'Ada' } });
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ workflowId: greeter.id, version: null, status: 'succeeded', inputs: { name: 'Ada' }, outputs: { output: 'Draft says hi, Ada.' } });

    const details = await alice.call('GET', `/api/workflows/${greeter.id}/runs/${run.body.id}`);
    expect(details.body.nodes.map((item: any) => [item.nodeType, item.status])).toEqual([
      ['node-start', 'succeeded'],
      ['text-joiner', 'succeeded'],
      ['node-end', 'succeeded'],
    ]);
    // The published version is still version 1.
    const api = await gateway(key, 'POST', `/v1/workflows/${greeter.id}/runs`, { inputs: { name: 'Ada' } });
    expect(api.body).toMatchObject({ version: 1, outputs: { output: 'Hello, Ada!' } });
    expect((await alice.call('PATCH', `/api/workflows/${greeter.id}`, { draft: greetingFlow() })).status).toBe(200);
  });

  test("streamed: the workflow service's events relayed as they are; a reconnecting reader gets the rest", async () => {
    const streamed = await alice.call('POST', `/api/workflows/${greeter.id}/runs`, { inputs: { name: 'Bo' }, stream: true });
    expect(streamed.status).toBe(200);
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
    const runId = events[0]?.data.runId as string;
    // Byte for byte: what the workflow service has for this run is what the console received.
    const direct = await alice.call('GET', `/api/workflows/${greeter.id}/runs/${runId}/events`);
    expect(direct.text).toBe(streamed.text);

    const rest = await alice.call('GET', `/api/workflows/${greeter.id}/runs/${runId}/events`, undefined, { 'last-event-id': '6' });
    expect(sseEvents(rest.text).map((event) => [event.id, event.event])).toEqual([
      ['7', 'node-delta'],
      ['8', 'node-finished'],
      ['9', 'run-finished'],
    ]);
    const after = await alice.call('GET', `/api/workflows/${greeter.id}/runs/${runId}/events?after=8`);
    expect(eventTypes(after.text)).toEqual(['run-finished']);
    expect((await alice.call('GET', `/api/workflows/${greeter.id}/runs/${runId}/events`, undefined, { 'last-event-id': 'x' })).body.code).toBe('invalid_event_id');
  });

  test('branches: if-else takes one path, the other is skipped', async () => {
    const branching = await alice.call('POST', '/api/workflows', { name: 'Branching', draft: branchingFlow() });
    expect(branching.body.problems).toEqual([]);
    const ada = await alice.call('POST', `/api/workflows/${branching.body.id}/runs`, { inputs: { name: 'Ada' } });
    expect(ada.body).toMatchObject({ status: 'succeeded', outputs: { output: 'Welcome back, Ada.' } });
    const bo = await alice.call('POST', `/api/workflows/${branching.body.id}/runs`, { inputs: { name: 'Bo' } });
    expect(bo.body).toMatchObject({ status: 'succeeded', outputs: { output: 'Nice to meet you, Bo.' } });
  });

  test('a draft with errors does not run; a bad request names its field', async () => {
    const broken = greetingFlow();
    broken.nodes.pop();
    broken.edges.pop();
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Broken', draft: broken });
    const refused = await alice.call('POST', `/api/workflows/${workflow.body.id}/runs`, { inputs: {} });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'workflow_invalid', details: [{ code: 'missing-end' }] });
    expect((await alice.call('GET', `/api/workflows/${workflow.body.id}/runs`)).body).toEqual({ items: [], nextCursor: null });
    const bad = await alice.call('POST', `/api/workflows/${greeter.id}/runs`, { inputs: 'Ada' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('body.inputs');
    // A missing required input fails the run, not the request.
    const missing = await alice.call('POST', `/api/workflows/${greeter.id}/runs`, { inputs: {} });
    expect(missing.body).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('name') } });
  });

  test('a question pauses the run; the person who started it answers through the console, blocking or streamed', async () => {
    const paused = await alice.call('POST', `/api/workflows/${asker.id}/runs`, { inputs: {} });
    expect(paused.body).toMatchObject({ status: 'paused', outputs: null });
    const runId = paused.body.id as string;
    const details = await alice.call('GET', `/api/workflows/${asker.id}/runs/${runId}`);
    expect(details.body.nodes.find((item: any) => item.nodeType === 'question-answer')).toMatchObject({ status: 'paused' });
    const history = await alice.call('GET', `/api/workflows/${asker.id}/runs/${runId}/events`);
    expect(eventTypes(history.text).slice(-2)).toEqual(['node-paused', 'run-paused']);
    expect(sseEvents(history.text).at(-2)?.data.prompt).toEqual({ question: 'What is your name?', answerType: 'direct', options: [] });

    // The API key's app did not start it: its answer is refused as if the run did not exist.
    expect((await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs/${runId}/resume`, { answer: 'Mallory' })).status).toBe(404);
    expect((await alice.call('POST', `/api/workflows/${asker.id}/runs/${runId}/resume`, {})).status).toBe(400);
    const resumed = await alice.call('POST', `/api/workflows/${asker.id}/runs/${runId}/resume`, { answer: 'Cy' });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body).toMatchObject({ id: runId, status: 'succeeded', outputs: { output: 'Thanks, Cy!' } });
    expect((await alice.call('POST', `/api/workflows/${asker.id}/runs/${runId}/resume`, { answer: 'again' })).body.code).toBe('run_not_paused');

    const second = await alice.call('POST', `/api/workflows/${asker.id}/runs`, { inputs: {}, stream: true });
    expect(eventTypes(second.text).at(-1)).toBe('run-paused');
    const secondId = sseEvents(second.text)[0]?.data.runId as string;
    const streamed = await alice.call('POST', `/api/workflows/${asker.id}/runs/${secondId}/resume`, { answer: 'Di', stream: true });
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(streamed.text);
    expect(events[0]?.event).toBe('run-resumed');
    expect(events.at(-1)).toMatchObject({ event: 'run-finished', data: { outputs: { output: 'Thanks, Di!' } } });
  });

  test('runs are listed per workflow, newest first, filtered and paged; cancel ends a paused run', async () => {
    const listed = await publishedWorkflow(alice, { name: 'Listed', draft: askingFlow() });
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) ids.push((await alice.call('POST', `/api/workflows/${listed.id}/runs`, { inputs: {} })).body.id as string);
    const cancelled = await alice.call('POST', `/api/workflows/${listed.id}/runs/${ids[0]}/cancel`);
    expect(cancelled.body).toMatchObject({ id: ids[0], status: 'cancelled' });
    expect((await alice.call('POST', `/api/workflows/${listed.id}/runs/${ids[0]}/cancel`)).body.code).toBe('run_finished');

    const first = await alice.call('GET', `/api/workflows/${listed.id}/runs?limit=2`);
    expect(first.body.items.map((item: any) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await alice.call('GET', `/api/workflows/${listed.id}/runs?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: ids[0], status: 'cancelled' }], nextCursor: null });
    expect((await alice.call('GET', `/api/workflows/${listed.id}/runs?status=paused`)).body.items.map((item: any) => item.id)).toEqual([ids[2], ids[1]]);
    expect((await alice.call('GET', `/api/workflows/${listed.id}/runs?status=lost`)).status).toBe(400);
    expect((await alice.call('GET', `/api/workflows/${listed.id}/runs?cursor=bogus`)).body.code).toBe('invalid_cursor');
  });

  test("a run of another workflow or another space is 404, as an unknown one", async () => {
    const run = (await alice.call('POST', `/api/workflows/${asker.id}/runs`, { inputs: {} })).body.id as string;
    const bobRun = (await bob.call('POST', `/api/workflows/${bobFlow.id}/runs`, { inputs: { name: 'x' } })).body.id as string;
    for (const [who, workflowId, runId] of [
      [alice, greeter.id, run],
      [alice, greeter.id, 'run_unknown'],
      [alice, greeter.id, bobRun],
      [bob, bobFlow.id, run],
      [bob, asker.id, run],
    ] as const) {
      for (const [method, suffix, body] of [
        ['GET', '', undefined],
        ['GET', '/events', undefined],
        ['POST', '/resume', { answer: 'x' }],
        ['POST', '/cancel', undefined],
      ] as const) {
        const answer = await who.call(method, `/api/workflows/${workflowId}/runs/${runId}${suffix}`, body);
        expect({ suffix, status: answer.status, code: answer.body?.code }).toEqual({ suffix, status: 404, code: 'not_found' });
      }
    }
    expect((await bob.call('GET', `/api/workflows/${asker.id}/runs`)).status).toBe(404);
    expect((await alice.call('GET', `/api/workflows/${asker.id}/runs/${run}`)).body.status).toBe('paused');
  });
});

describe('the public workflow API', () => {
  test('by id, blocking: the published version with its outputs; the run reads back with its node runs', async () => {
    const run = await gateway(key, 'POST', `/v1/workflows/${greeter.id}/runs`, { inputs: { name: 'Eve' } });
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ workflowId: greeter.id, version: 1, status: 'succeeded', outputs: { output: 'Hello, Eve!' } });
    const read = await gateway(key, 'GET', `/v1/workflows/${greeter.id}/runs/${run.body.id}`);
    expect(read.body).toMatchObject({ id: run.body.id, status: 'succeeded' });
    expect(read.body.nodes).toHaveLength(3);
    // The console sees API runs in the workflow's history too.
    expect((await alice.call('GET', `/api/workflows/${greeter.id}/runs/${run.body.id}`)).body.status).toBe('succeeded');
  });

  test('by alias, streamed; the events replay from Last-Event-ID', async () => {
    const streamed = await gateway(key, 'POST', '/v1/workflows/greeter/runs', { inputs: { name: 'Fay' }, stream: true });
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(streamed.text);
    expect(events[0]).toMatchObject({ event: 'run-started' });
    expect(events.at(-1)).toMatchObject({ event: 'run-finished', data: { outputs: { output: 'Hello, Fay!' } } });
    const runId = events[0]?.data.runId as string;
    const rest = await gateway(key, 'GET', `/v1/workflows/greeter/runs/${runId}/events`, undefined, { 'last-event-id': String(events.length - 1) });
    expect(sseEvents(rest.text).map((event) => event.event)).toEqual(['run-finished']);
    expect((await gateway(key, 'GET', `/v1/workflows/greeter/runs/${runId}`)).body.workflowId).toBe(greeter.id);
  });

  test("a question is answered by the app that started the run only; cancel ends another run", async () => {
    const paused = await gateway(key, 'POST', '/v1/workflows/asker/runs', { inputs: {} });
    expect(paused.body).toMatchObject({ status: 'paused', version: 1 });
    const runId = paused.body.id as string;
    const otherApp = await gateway(otherAppKey, 'POST', `/v1/workflows/asker/runs/${runId}/resume`, { answer: 'Mallory' });
    expect(otherApp.status).toBe(404);
    expect(otherApp.body).toMatchObject({ code: 'not_found', error: { type: 'not_found_error' } });
    expect((await alice.call('POST', `/api/workflows/${asker.id}/runs/${runId}/resume`, { answer: 'Mallory' })).status).toBe(404);
    const resumed = await gateway(key, 'POST', `/v1/workflows/asker/runs/${runId}/resume`, { answer: 'Gus', stream: true });
    const events = sseEvents(resumed.text);
    expect(events[0]?.event).toBe('run-resumed');
    expect(events.at(-1)).toMatchObject({ event: 'run-finished', data: { outputs: { output: 'Thanks, Gus!' } } });
    expect((await gateway(key, 'GET', `/v1/workflows/${asker.id}/runs/${runId}`)).body).toMatchObject({ status: 'succeeded', outputs: { output: 'Thanks, Gus!' } });

    const blocking = await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs`, { inputs: {} });
    const answered = await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs/${blocking.body.id}/resume`, { answer: 'Hal' });
    expect(answered.body).toMatchObject({ status: 'succeeded', outputs: { output: 'Thanks, Hal!' } });

    const doomed = await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs`, { inputs: {} });
    const cancelled = await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs/${doomed.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ id: doomed.body.id, status: 'cancelled' });
    expect((await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs/${doomed.body.id}/resume`, { answer: 'late' })).body.code).toBe('run_not_paused');
  });

  test("unknown, unpublished and other spaces' workflows are 404 workflow_not_found in both error shapes; a key is required", async () => {
    const draftOnly = await alice.call('POST', '/api/workflows', { name: 'Unpublished', alias: 'unpublished', draft: greetingFlow() });
    for (const target of ['workflow_nothing', draftOnly.body.id, 'unpublished', bobFlow.id]) {
      const refused = await gateway(key, 'POST', `/v1/workflows/${target}/runs`, { inputs: { name: 'x' } });
      expect({ target, status: refused.status }).toEqual({ target, status: 404 });
      expect(refused.body).toMatchObject({ code: 'workflow_not_found', error: { code: 'workflow_not_found', type: 'not_found_error' } });
    }
    // Bob's key reaches Bob's workflow of the same alias.
    const bobKey = (await bob.call('POST', '/api/api-keys', { name: 'bob' })).body.key as string;
    expect((await gateway(bobKey, 'POST', '/v1/workflows/greeter/runs', { inputs: { name: 'Ida' } })).body.outputs).toEqual({ output: 'Bob says hi to Ida' });

    const aliceRun = (await gateway(key, 'POST', `/v1/workflows/${asker.id}/runs`, { inputs: {} })).body.id as string;
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['GET', '/events', undefined],
      ['POST', '/resume', { answer: 'x' }],
      ['POST', '/cancel', undefined],
    ] as const) {
      // Bob's key names Alice's workflow: unknown to Bob's space. Bob's own workflow with Alice's run: unknown run.
      expect((await gateway(bobKey, method, `/v1/workflows/${asker.id}/runs/${aliceRun}${suffix}`, body)).body.code).toBe('workflow_not_found');
      expect((await gateway(bobKey, method, `/v1/workflows/${bobFlow.id}/runs/${aliceRun}${suffix}`, body)).body.code).toBe('not_found');
      expect((await gateway(key, method, `/v1/workflows/${greeter.id}/runs/${aliceRun}${suffix}`, body)).body.code).toBe('not_found');
    }
    expect((await gateway(key, 'GET', `/v1/workflows/${asker.id}/runs/${aliceRun}`)).body.status).toBe('paused');

    const anonymous = await gateway(null, 'POST', `/v1/workflows/${greeter.id}/runs`, { inputs: {} });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('missing_credentials');
  });

  test('an alias change takes effect at once; a new publish changes what the API runs', async () => {
    expect((await alice.call('PATCH', `/api/workflows/${greeter.id}`, { alias: 'hello', draft: greetingFlow('Hi there, {{name}}.') })).status).toBe(200);
    expect((await gateway(key, 'POST', '/v1/workflows/greeter/runs', { inputs: { name: 'Jo' } })).body.code).toBe('workflow_not_found');
    expect((await gateway(key, 'POST', '/v1/workflows/hello/runs', { inputs: { name: 'Jo' } })).body.outputs).toEqual({ output: 'Hello, Jo!' });
    expect((await alice.call('POST', `/api/workflows/${greeter.id}/publish`)).body.version).toBe(2);
    expect((await gateway(key, 'POST', '/v1/workflows/hello/runs', { inputs: { name: 'Jo' } })).body).toMatchObject({ version: 2, outputs: { output: 'Hi there, Jo.' } });
  });
});

describe("the original astron-agent's workflow API", () => {
  const frames = (text: string) => sseEvents(text).map((event) => event.data as Record<string, any>);
  // Its own workflow: the tests above rename and republish theirs.
  let compat: any;
  beforeAll(async () => {
    compat = await publishedWorkflow(alice, { name: 'Compat greeter', alias: 'compat-greeter', draft: greetingFlow() });
  });

  test('chat/completions by flow_id streams its frames; a key is required; unknown flows are 404', async () => {
    const streamed = await gateway(key, 'POST', '/workflow/v1/chat/completions', { flow_id: 'compat-greeter', uid: 'user-1', parameters: { name: 'Ada' } });
    expect(streamed.status, streamed.text).toBe(200);
    const all = frames(streamed.text);
    expect(all[0]).toMatchObject({ code: 0, workflow_step: { node: { id: 'flow_obj' }, progress: 0 } });
    expect(all.at(-1)).toMatchObject({ code: 0, choices: [{ finish_reason: 'stop' }], workflow_step: { progress: 1 } });
    expect(all.map((frame) => frame.choices[0].delta.content).join('')).toContain('Hello, Ada!');
    const blocking = await gateway(key, 'POST', '/workflow/v1/chat/completions', { flow_id: compat.id, stream: false, parameters: { name: 'Bo' } });
    expect(blocking.body).toMatchObject({ code: 0, choices: [{ delta: { content: 'Hello, Bo!' }, finish_reason: 'stop' }] });
    expect((await gateway(null, 'POST', '/workflow/v1/chat/completions', { flow_id: 'compat-greeter' })).status).toBe(401);
    expect((await gateway(key, 'POST', '/workflow/v1/chat/completions', { flow_id: bobFlow.id })).status).toBe(404);
    expect((await gateway(key, 'POST', '/workflow/v1/chat/completions', {})).status).toBe(400);
  });

  test("an interrupt's event_id resumes the run for the app that started it only; abort cancels", async () => {
    const paused = frames((await gateway(key, 'POST', '/workflow/v1/chat/completions', { flow_id: 'asker' })).text);
    const interrupt = paused.at(-1)!;
    expect(interrupt).toMatchObject({ choices: [{ finish_reason: 'interrupt' }], event_data: { event_type: 'interrupt', need_reply: true } });
    const eventId = interrupt.event_data.event_id as string;
    // The weakness reported in the original: another app of the space replays the event id. Refused here.
    expect((await gateway(otherAppKey, 'POST', '/workflow/v1/resume', { event_id: eventId, event_type: 'resume', content: 'Mallory' })).status).toBe(404);
    expect((await gateway(key, 'POST', '/workflow/v1/resume', { event_id: 'not-an-event', content: 'x' })).body.code).toBe('invalid_event_id');
    const resumed = frames((await gateway(key, 'POST', '/workflow/v1/resume', { event_id: eventId, event_type: 'resume', content: 'Ivy' })).text);
    expect(resumed.at(-1)).toMatchObject({ code: 0, choices: [{ finish_reason: 'stop' }] });
    expect(JSON.stringify(resumed)).toContain('Thanks, Ivy!');

    const again = frames((await gateway(key, 'POST', '/workflow/v1/chat/completions', { flow_id: 'asker' })).text).at(-1)!;
    expect((await gateway(key, 'POST', '/workflow/v1/resume', { event_id: again.event_data.event_id, event_type: 'abort' })).body).toMatchObject({ code: 0 });
    expect((await gateway(key, 'GET', `/v1/workflows/asker/runs/${again.id}`)).body.status).toBe('cancelled');
  });
});

