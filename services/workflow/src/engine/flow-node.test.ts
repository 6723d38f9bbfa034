import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowDocument } from './graph.js';
import type { Subflow } from './execute-run.js';
import { chain, flow, literal, node, ref } from './test-flows.js';
import { startTestEngine, testOwner as owner, type EngineUnderTest } from './test-harness.js';

let engine: EngineUnderTest;

beforeAll(async () => {
  engine = await startTestEngine();
}, 60_000);

afterAll(async () => {
  await engine?.stop();
});

/** start(name) → text-joiner "Hi, {{name}}" → end { greeting }. */
function greeter(): WorkflowDocument {
  const start = node('node-start', { outputs: ['name'] });
  const join = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt: 'Hi, {{name}}' } });
  const end = node('node-end', { inputs: { greeting: ref(join.id, 'output') } });
  return flow([start, join, end], chain(start, join, end));
}

/** start(name) → flow(<flowId>) → end { result: flow.greeting }. */
function caller(flowId: string, inputs: Record<string, ReturnType<typeof ref>> | null = null, param: Record<string, unknown> = {}) {
  const start = node('node-start', { outputs: ['name'] });
  const call = node('flow', { inputs: inputs ?? { name: ref(start.id, 'name') }, param: { flowId, ...param } });
  const end = node('node-end', { inputs: { result: ref(call.id, 'greeting') } });
  return { call, workflow: flow([start, call, end], chain(start, call, end)) };
}

const subflow = (workflowId: string, workflow: WorkflowDocument, version = 1): Subflow => ({ workflowId, version, workflow });

describe('flow node', () => {
  test('runs the resolved workflow with its inputs; its nodes are persisted and streamed under the flow node', async () => {
    const { call, workflow } = caller('wf_greeter');
    const done = await engine.runToEnd({ workflow, subflows: { wf_greeter: subflow('wf_greeter', greeter()) } }, { name: 'Ada' });
    expect(done.run).toMatchObject({ status: 'succeeded', outputs: { result: 'Hi, Ada' } });
    const nested = done.nodes.filter((item) => item.nodeKey.startsWith(`${call.id}>`));
    expect(nested.map((item) => item.nodeType).sort()).toEqual(['node-end', 'node-start', 'text-joiner']);
    expect(nested.every((item) => item.status === 'succeeded')).toBe(true);
    const started = done.events.filter((event) => event.type === 'node-started').map((event) => (event.data as { nodeKey: string }).nodeKey);
    expect(started.indexOf(call.id)).toBeLessThan(started.findIndex((key) => key.startsWith(`${call.id}>`)));
  });

  test('a pinned version is looked up by its own key', async () => {
    const { workflow } = caller('wf_greeter', null, { version: 'v2' });
    const unresolved = await engine.runToEnd({ workflow, subflows: { wf_greeter: subflow('wf_greeter', greeter()) } }, { name: 'Ada' });
    expect(unresolved.run).toMatchObject({ status: 'failed', error: { code: 'flow_not_resolved' } });
    const pinned = await engine.runToEnd({ workflow, subflows: { 'wf_greeter@2': subflow('wf_greeter', greeter(), 2) } }, { name: 'Bo' });
    expect(pinned.run).toMatchObject({ status: 'succeeded', outputs: { result: 'Hi, Bo' } });
  });

  test('a question inside the nested workflow pauses the run; the answer resumes it there', async () => {
    const start = node('node-start', { outputs: ['name'] });
    const ask = node('question-answer', { param: { question: 'Tea or coffee?', answerType: 'direct' } });
    const join = node('text-joiner', { inputs: { name: ref(start.id, 'name'), drink: ref(ask.id, 'query') }, outputs: ['output'], param: { prompt: '{{name}}: {{drink}}' } });
    const end = node('node-end', { inputs: { greeting: ref(join.id, 'output') } });
    const asking = flow([start, ask, join, end], chain(start, ask, join, end));
    const { call, workflow } = caller('wf_asking');
    const paused = await engine.runToEnd({ workflow, subflows: { wf_asking: subflow('wf_asking', asking) } }, { name: 'Ada' });
    expect(paused.run.status).toBe('paused');
    const waiting = paused.nodes.find((item) => item.status === 'paused');
    expect(waiting?.nodeKey).toBe(`${call.id}>${ask.id}`);
    await engine.runs.resume('space_a', owner, paused.id, 'tea');
    const resumed = await engine.follow(paused.id, paused.run.eventSeq);
    expect(resumed.run.status).toBe('succeeded');
    expect(String((resumed.run.outputs as { result: string }).result)).toMatch(/^Ada: /);
    // The nested start ran once: the resumed pass took it from the record.
    expect(resumed.events.filter((event) => event.type === 'node-started' && (event.data as { nodeKey: string }).nodeKey === `${call.id}>${start.id}`)).toHaveLength(0);
  });

  test('a workflow that calls itself stops at the depth limit with an error naming it', async () => {
    const start = node('node-start', { outputs: ['name'] });
    const again = node('flow', { inputs: { name: ref(start.id, 'name') }, param: { flowId: 'wf_self' } });
    const end = node('node-end', { inputs: { greeting: ref(again.id, 'greeting') } });
    const self = flow([start, again, end], chain(start, again, end));
    const done = await engine.runToEnd({ workflow: self, subflows: { wf_self: subflow('wf_self', self) } }, { name: 'Ada' });
    expect(done.run).toMatchObject({ status: 'failed', error: { code: 'flow_depth_exceeded' } });
    expect((done.run.error as { message: string }).message).toContain('limit is 3');
    expect(done.nodes.filter((item) => item.nodeType === 'flow').map((item) => item.nodeKey.split('>').length).sort()).toEqual([1, 2, 3, 4]);
  });

  test('a failing nested workflow fails the flow node, which its error strategy can recover', async () => {
    const start = node('node-start', { outputs: ['name'] });
    const broken = node('template-transform', { param: { template: '{% for x in %}' } });
    const end = node('node-end', { inputs: { greeting: ref(broken.id, 'output') } });
    const failing = flow([start, broken, end], chain(start, broken, end));
    const plain = caller('wf_broken');
    const failed = await engine.runToEnd({ workflow: plain.workflow, subflows: { wf_broken: subflow('wf_broken', failing) } }, { name: 'Ada' });
    expect(failed.run).toMatchObject({ status: 'failed', error: { code: 'template_invalid' } });

    const outer = node('node-start', { outputs: ['name'] });
    const tolerant = node('flow', { inputs: { name: ref(outer.id, 'name') }, param: { flowId: 'wf_broken' }, retry: { error_strategy: 1, custom_output: { greeting: 'fallback' } } });
    const outerEnd = node('node-end', { inputs: { result: ref(tolerant.id, 'greeting'), literalCheck: literal('x') } });
    const recovered = await engine.runToEnd({ workflow: flow([outer, tolerant, outerEnd], chain(outer, tolerant, outerEnd)), subflows: { wf_broken: subflow('wf_broken', failing) } }, { name: 'Ada' });
    expect(recovered.run).toMatchObject({ status: 'succeeded', outputs: { result: 'fallback' } });
  });
});
