import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowDocument } from './graph.js';
import { NodeFailure, type NodeType } from './node-type.js';
import { chain, edge, flow, inputId, literal, node, ref } from './test-flows.js';
import { startTestEngine, testOwner as owner, type EngineUnderTest } from './test-harness.js';

let engine: EngineUnderTest;

/** Test node types: side effects counted per node id, a gate to hold a node open, a node that fails N times. */
const executions = new Map<string, number>();
let running = 0;
let peakRunning = 0;
const gates = new Map<string, Promise<void>>();
const failuresLeft = new Map<string, number>();
const testTypes: NodeType[] = [
  {
    type: 'test-effect',
    async execute({ node, inputs, signal }) {
      executions.set(node.id, (executions.get(node.id) ?? 0) + 1);
      running += 1;
      peakRunning = Math.max(peakRunning, running);
      try {
        const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
        await Promise.race([gates.get(node.id) ?? new Promise((resolve) => setTimeout(resolve, 30)), aborted]);
      } finally {
        running -= 1;
      }
      return { outputs: { echo: inputs.value ?? null } };
    },
  },
  {
    type: 'test-flaky',
    async execute({ node, attempt }) {
      executions.set(node.id, (executions.get(node.id) ?? 0) + 1);
      const left = failuresLeft.get(node.id) ?? 0;
      if (left > 0) {
        failuresLeft.set(node.id, left - 1);
        throw new NodeFailure('flaky', `failed on attempt ${attempt}`, true);
      }
      return { outputs: { attempt } };
    },
  },
];

beforeAll(async () => {
  engine = await startTestEngine({ extraTypes: testTypes });
}, 60_000);

afterAll(() => engine?.stop());

const runs = () => engine.runs;
const runToEnd = (workflow: WorkflowDocument, inputs: Record<string, unknown> = {}) => engine.runToEnd({ workflow }, inputs);
const follow = (runId: string, afterSeq = 0) => engine.follow(runId, afterSeq);

describe('the workflow engine', () => {
  test('if-else takes one branch; the other is skipped; the end template renders; events are ordered and complete', async () => {
    const start = node('node-start', { outputs: ['score'] });
    const check = node('if-else', { inputs: { score: ref(start.id, 'score'), limit: literal(60) } });
    const pass = 'branch_one_of::pass';
    const fail = 'branch_one_of::else';
    check.data.nodeParam = {
      cases: [
        { id: pass, level: 1, logicalOperator: 'and', conditions: [{ leftVarIndex: inputId(check, 'score'), rightVarIndex: inputId(check, 'limit'), compareOperator: 'ge' }] },
        { id: fail, level: 999, logicalOperator: 'and', conditions: [] },
      ],
    };
    const passed = node('text-joiner', { inputs: { score: ref(start.id, 'score') }, outputs: ['output'], param: { prompt: 'passed with {{score}}' } });
    const failed = node('text-joiner', { inputs: { score: ref(start.id, 'score') }, outputs: ['output'], param: { prompt: 'failed with {{score}}' } });
    const end = node('node-end', { inputs: { a: ref(passed.id, 'output'), b: ref(failed.id, 'output') }, param: { outputMode: 1, template: '{{a}}{{b}}' } });
    const workflow = flow([start, check, passed, failed, end], [...chain(start, check), edge(check, passed, pass), edge(check, failed, fail), edge(passed, end), edge(failed, end)]);

    const high = await runToEnd(workflow, { score: 75 });
    expect(high.run).toMatchObject({ status: 'succeeded', outputs: { output: 'passed with 75' } });
    expect(high.nodes.map((item) => item.nodeId)).not.toContain(failed.id);
    expect(high.types[0]).toBe('run-started');
    expect(high.types.at(-1)).toBe('run-finished');
    expect(high.events.map((event) => event.seq)).toEqual(high.events.map((_, index) => index + 1));
    expect(high.events.filter((event) => event.type === 'node-delta').map((event) => (event.data as { content: string }).content).join('')).toBe('passed with 75');

    const low = await runToEnd(workflow, { score: 10 });
    expect(low.run.outputs).toEqual({ output: 'failed with 10' });
  });

  test('independent branches run at the same time and a node waits for all its inputs', async () => {
    peakRunning = 0;
    const start = node('node-start', { outputs: ['value'] });
    const branches = [1, 2, 3].map(() => node('test-effect', { inputs: { value: ref(start.id, 'value') } }));
    // Each branch waits until all three are running at once (or gives up after 5 s, which fails the test below).
    const together = new Promise<void>((resolve) => {
      const done = () => {
        clearInterval(check);
        resolve();
      };
      const check = setInterval(() => {
        if (running >= 3) done();
      }, 5);
      setTimeout(done, 5_000);
    });
    for (const branch of branches) gates.set(branch.id, together);
    const join = node('text-joiner', { inputs: Object.fromEntries(branches.map((branch, index) => [`b${index}`, ref(branch.id, 'echo')])), outputs: ['output'], param: { prompt: '{{b0}}-{{b1}}-{{b2}}' } });
    const end = node('node-end', { inputs: { joined: ref(join.id, 'output') } });
    const result = await runToEnd(flow([start, ...branches, join, end], [...branches.flatMap((branch) => [edge(start, branch), edge(branch, join)]), edge(join, end)]), { value: 'x' });
    expect(result.run.outputs).toEqual({ joined: 'x-x-x' });
    expect(peakRunning).toBe(3);
  });

  test('iteration runs its body per item, in parallel when asked, and collects each output as a list', async () => {
    const start = node('node-start', { outputs: ['names'] });
    const iteration = node('iteration', { inputs: { name: ref(start.id, 'names') }, outputs: ['greetings'], param: { parallel: true, parallelLimit: 3 } });
    const bodyStart = node('iteration-node-start', { outputs: ['name'] });
    const greet = node('text-joiner', { inputs: { name: ref(bodyStart.id, 'name') }, outputs: ['output'], param: { prompt: 'hello {{name}}' } });
    const bodyEnd = node('iteration-node-end', { inputs: { greetings: ref(greet.id, 'output') } });
    iteration.data.nodeParam = { ...iteration.data.nodeParam, IterationStartNodeId: bodyStart.id };
    const end = node('node-end', { inputs: { all: ref(iteration.id, 'greetings') } });
    const result = await runToEnd(flow([start, iteration, bodyStart, greet, bodyEnd, end], [...chain(start, iteration, end), ...chain(bodyStart, greet, bodyEnd)]), { names: ['ada', 'bo', 'cy', 'di'] });
    expect(result.run).toMatchObject({ status: 'succeeded', outputs: { all: ['hello ada', 'hello bo', 'hello cy', 'hello di'] } });
    expect(result.nodes.filter((item) => item.nodeId === greet.id).map((item) => item.nodeKey).sort()).toEqual([0, 1, 2, 3].map((index) => `${iteration.id}#${index}/${greet.id}`));
  });

  test('a question pauses the run with no expiry; only its owner answers; the run goes on from there', async () => {
    const start = node('node-start', { outputs: [] });
    const ask = node('question-answer', { param: { question: 'Which color?', answerType: 'option', optionAnswer: [{ id: 'opt-red', name: 'A', content: 'red' }, { id: 'opt-blue', name: 'B', content: 'blue' }] } });
    const before = node('test-effect', { inputs: { value: literal('once') } });
    const end = node('node-end', { inputs: { color: ref(ask.id, 'content'), question: ref(ask.id, 'query') } });
    const paused = await runToEnd(flow([start, before, ask, end], chain(start, before, ask, end)));
    expect(paused.run.status).toBe('paused');
    expect(paused.types.slice(-2)).toEqual(['node-paused', 'run-paused']);
    expect(paused.events.at(-2)?.data).toMatchObject({ prompt: { question: 'Which color?', answerType: 'option', options: [{ id: 'opt-red' }, { id: 'opt-blue' }] } });

    await expect(runs().resume('space_a', { kind: 'app', id: 'app_2' }, paused.id, 'B')).rejects.toMatchObject({ status: 404 });
    await expect(runs().resume('space_b', owner, paused.id, 'B')).rejects.toMatchObject({ status: 404 });
    await runs().resume('space_a', owner, paused.id, 'B');
    await expect(runs().resume('space_a', owner, paused.id, 'B')).rejects.toMatchObject({ status: 409 });
    const resumed = await follow(paused.id, paused.run.eventSeq);
    expect(resumed.types[0]).toBe('run-resumed');
    expect(resumed.run).toMatchObject({ status: 'succeeded', outputs: { color: 'blue', question: 'Which color?' } });
    expect(executions.get(before.id)).toBe(1);
  });

  test('retries with backoff, then the error strategy: fail the run, default outputs, or the failure branch', async () => {
    const start = node('node-start');
    const flaky = node('test-flaky', { retry: { should_retry: true, max_retries: 2, timeout: 5 } });
    failuresLeft.set(flaky.id, 2);
    const end = node('node-end', { inputs: { attempt: ref(flaky.id, 'attempt') } });
    const retried = await runToEnd(flow([start, flaky, end], chain(start, flaky, end)));
    expect(retried.run.outputs).toEqual({ attempt: 3 });
    expect(retried.events.filter((event) => event.type === 'node-failed').map((event) => (event.data as { willRetry: boolean }).willRetry)).toEqual([true, true]);

    const hard = node('test-flaky');
    failuresLeft.set(hard.id, 1);
    const failedRun = await runToEnd(flow([start, hard, end], chain(start, hard, end)));
    expect(failedRun.run).toMatchObject({ status: 'failed', error: { code: 'flaky', nodeId: hard.id } });
    expect(failedRun.types.at(-1)).toBe('run-failed');

    const defaulted = node('test-flaky', { retry: { error_strategy: 1, custom_output: { attempt: -1 } } });
    failuresLeft.set(defaulted.id, 1);
    const defaultEnd = node('node-end', { inputs: { attempt: ref(defaulted.id, 'attempt'), code: ref(defaulted.id, 'errorCode') } });
    expect((await runToEnd(flow([start, defaulted, defaultEnd], chain(start, defaulted, defaultEnd)))).run.outputs).toEqual({ attempt: -1, code: 'flaky' });

    const branching = node('test-flaky', { retry: { error_strategy: 2 } });
    failuresLeft.set(branching.id, 1);
    const onSuccess = node('text-joiner', { outputs: ['output'], param: { prompt: 'ok' } });
    const onFailure = node('text-joiner', { inputs: { why: ref(branching.id, 'errorMessage') }, outputs: ['output'], param: { prompt: 'recovered: {{why}}' } });
    const branchEnd = node('node-end', { inputs: { a: ref(onSuccess.id, 'output'), b: ref(onFailure.id, 'output') } });
    const recovered = await runToEnd(
      flow([start, branching, onSuccess, onFailure, branchEnd], [edge(start, branching), edge(branching, onSuccess), edge(branching, onFailure, 'fail_one_of::x'), edge(onSuccess, branchEnd), edge(onFailure, branchEnd)]),
    );
    expect(recovered.run).toMatchObject({ status: 'succeeded', outputs: { b: 'recovered: failed on attempt 1' } });
    expect(recovered.nodes.map((item) => item.nodeId)).not.toContain(onSuccess.id);
  });

  test('a run another executor started resumes from its finished nodes: none runs twice', async () => {
    const start = node('node-start');
    const first = node('test-effect', { inputs: { value: literal(1) } });
    const second = node('test-effect', { inputs: { value: literal(2) } });
    const end = node('node-end', { inputs: { value: ref(second.id, 'echo') } });
    let release = () => {};
    gates.set(second.id, new Promise<void>((resolve) => (release = resolve)));
    const run = await runs().start('space_a', owner, { workflowId: 'wf', version: 1, definition: { workflow: flow([start, first, second, end], chain(start, first, second, end)) }, inputs: {} });
    while (executions.get(second.id) === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    // The executor stops mid-run, as a worker that shuts down; the lease is given up and the sweep queues the run again.
    const replaced = engine.replaceExecutor(200);
    release();
    gates.delete(second.id);
    await replaced;
    const done = await follow(run.id);
    expect(done.run).toMatchObject({ status: 'succeeded', outputs: { value: 2 } });
    expect(executions.get(first.id)).toBe(1);
    expect(executions.get(second.id)).toBe(2);
  });

  test('cancel stops a running run; a finished run cannot be cancelled', async () => {
    const start = node('node-start');
    const slow = node('test-effect');
    const end = node('node-end');
    gates.set(slow.id, new Promise<void>(() => undefined));
    const run = await runs().start('space_a', owner, { workflowId: 'wf', version: 1, definition: { workflow: flow([start, slow, end], chain(start, slow, end)) }, inputs: {} });
    while (executions.get(slow.id) === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    await runs().cancel('space_a', run.id);
    const after = await follow(run.id);
    expect(after.run.status).toBe('cancelled');
    expect(after.types.at(-1)).toBe('run-cancelled');
    await expect(runs().cancel('space_a', run.id)).rejects.toMatchObject({ status: 409 });
  });
});
