import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { chain, greetingFlow, node, ref } from './test-flows.js';

let hub: HubUnderTest;
let fake: FakeOpenAI;
let alice: Browser;
let model: string;

/** start(question) → agent (the space's fake model, `tools`) → end { answer }. */
function agentFlow(tools: unknown[], plugin: Record<string, unknown> = {}) {
  const start = node('node-start', { outputs: ['question!'] });
  const agent = node('agent', {
    inputs: { question: ref(start.id, 'question') },
    outputs: ['output', 'REASONING_CONTENT'],
    param: {
      model,
      modelConfig: { agentStrategy: 0 },
      instruction: { reasoning: 'You are careful with numbers.', answer: 'Answer in one sentence.', query: 'Question: {{question}}' },
      plugin: { mcpServerIds: [], mcpServerUrls: [], tools, workflowIds: [], knowledge: [], ...plugin },
      maxLoopCount: 4,
    },
  });
  const end = node('node-end', { inputs: { answer: ref(agent.id, 'output') }, param: { outputMode: 0 } });
  return { agent, draft: { nodes: [start, agent, end], edges: chain(start, agent, end) } };
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-agent-node' });
  hub = await startTestHub();
  alice = await hub.signUp('alice@example.com');
  const provider = await alice.call('POST', '/api/providers', { name: 'fake', baseUrl: fake.url, apiKey: 'sk-agent-node', models: [{ id: 'fake-chat', kind: 'chat' }] });
  model = `${provider.body.id as string}/fake-chat`;
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

beforeEach(() => fake.reset());

describe('agent nodes', () => {
  test('run an agent with the space model and a built-in tool in the agent service; its answer streams and is the output', async () => {
    fake.script([{ toolCalls: [{ id: 'call_calc', name: 'calculator', arguments: { expression: '17 * 23' } }] }, { content: '17 * 23 is 391.' }]);
    const { agent, draft } = agentFlow(['calculator']);
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Calculating agent', draft });
    expect(workflow.status, workflow.text).toBe(201);
    const run = await alice.call('POST', `/api/workflows/${workflow.body.id as string}/runs`, { inputs: { question: 'What is 17 * 23?' } });
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ status: 'succeeded', outputs: { answer: '17 * 23 is 391.' } });

    // The model saw the node's instructions and query, then the calculator's result (run by the agent service).
    const [first, second] = fake.requests;
    expect(first?.headers.authorization).toBe('Bearer sk-agent-node');
    const firstMessages = (first?.body as { messages: { role: string; content: string }[] }).messages;
    expect(firstMessages[0]?.content).toContain('You are careful with numbers.');
    expect(firstMessages.at(-1)).toMatchObject({ role: 'user', content: 'Question: What is 17 * 23?' });
    expect(JSON.stringify((second?.body as { messages: unknown[] }).messages)).toContain('391');

    const details = await alice.call('GET', `/api/workflows/${workflow.body.id as string}/runs/${run.body.id as string}`);
    const agentRun = details.body.nodes.find((item: { nodeId: string }) => item.nodeId === agent.id);
    expect(agentRun.outputs.steps.map((step: { type: string; name: string }) => `${step.type}:${step.name}`)).toEqual(['tool_call:calculator', 'tool_result:calculator']);
  });

  test('streamed, the answer arrives as node-delta events', async () => {
    fake.script([{ content: 'Four.' }]);
    const { draft } = agentFlow([]);
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Streaming agent', draft });
    const streamed = await alice.call('POST', `/api/workflows/${workflow.body.id as string}/runs`, { inputs: { question: 'Two plus two?' }, stream: true });
    expect(streamed.status).toBe(200);
    expect(streamed.text).toContain('event: node-delta');
    expect(streamed.text).toContain('Four.');
    expect(streamed.text).toContain('event: run-finished');
  });

  test("an agent node's workflows are the published versions the hub resolves with the run", async () => {
    const greeter = await alice.call('POST', '/api/workflows', { name: 'Greeter', draft: greetingFlow() });
    const greeterId = greeter.body.id as string;
    const { agent, draft } = agentFlow([], { workflowIds: [greeterId] });
    const workflow = await alice.call('POST', '/api/workflows', { name: 'Greeting agent', draft });
    const runs = `/api/workflows/${workflow.body.id as string}/runs`;
    const refused = await alice.call('POST', runs, { inputs: { question: 'Greet Ada' } });
    expect(refused).toMatchObject({ status: 409, body: { code: 'subflow_unavailable', message: expect.stringContaining(greeterId) } });

    expect((await alice.call('POST', `/api/workflows/${greeterId}/publish`)).status).toBe(200);
    const tool = `wf_${greeterId.replace(/^workflow_/, '').slice(0, 40)}_v1`;
    fake.script([{ toolCalls: [{ id: 'call_greet', name: tool, arguments: { name: 'Ada' } }] }, { content: 'It said hello to Ada.' }]);
    const run = await alice.call('POST', runs, { inputs: { question: 'Greet Ada' } });
    expect(run.body).toMatchObject({ status: 'succeeded', outputs: { answer: 'It said hello to Ada.' } });
    const offered = (fake.requests[0]?.body as { tools: { function: { name: string; description: string } }[] }).tools;
    expect(offered.map((item) => item.function.name)).toEqual([tool]);
    // Described as published: its name, so the model knows what it is for.
    expect(offered[0]?.function.description).toMatch(/^Runs the workflow "Greeter" \(published version 1\)/);
    const details = await alice.call('GET', `${runs}/${run.body.id as string}`);
    const steps = details.body.nodes.find((item: { nodeId: string }) => item.nodeId === agent.id).outputs.steps;
    expect(steps.find((step: { type: string }) => step.type === 'tool_result')).toMatchObject({ name: tool, result: expect.stringContaining('Hello, Ada!') });
  });

  test('tools the agent node cannot offer fail the node naming them, before any model call', async () => {
    const cases: [unknown[], Record<string, unknown>, string, string][] = [
      [[{ tool_id: 'tool@8b2262b', version: 'V1.0' }], {}, 'tool_unavailable', 'tool@8b2262b'],
      [[], { mcpServerUrls: ['https://mcp.example.com/sse'] }, 'mcp_server_url_unsupported', 'plugin.mcpServerUrls'],
    ];
    for (const [tools, plugin, code, named] of cases) {
      const { draft } = agentFlow(tools, plugin);
      const workflow = await alice.call('POST', '/api/workflows', { name: `Plugin agent ${code}`, draft });
      const run = await alice.call('POST', `/api/workflows/${workflow.body.id as string}/runs`, { inputs: { question: 'Weather?' } });
      expect(run.body).toMatchObject({ status: 'failed', error: { code } });
      expect(run.body.error.message).toContain(named);
    }
    expect(fake.requests).toHaveLength(0);
  });
});
