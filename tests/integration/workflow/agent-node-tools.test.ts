import type { ChatRequest, ReplyBody, ScriptedReply } from '@astron/testing/fake-openai';
import { lastUserText } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { EngineNodeInput, WorkflowDocument } from '../../../services/workflow/src/engine/graph.js';
import type { Subflow } from '../../../services/workflow/src/engine/execute-run.js';
import { chain, edge, flow, node, ref } from '../../../services/workflow/src/engine/test-flows.js';
import type { FollowedRun } from '../../../services/workflow/src/engine/test-harness.js';
import { startAgentNodePlatform, type AgentNodePlatform } from './agent-platform.js';

// Agent nodes whose agents use link plugins, MCP servers, knowledge bases and published workflows, run by the real
// agent service against the real link, knowledge and workflow services; the fake model scripts the tool calls.

let platform: AgentNodePlatform;
let teaBase: string;
let volcanoBase: string;

async function newBase(name: string, text: string): Promise<string> {
  const { knowledge, call } = platform;
  const base = await call<{ id: string }>(knowledge.url, 'POST', '/knowledge/bases', { name, embeddingModel: 'prov/fake-embedding' });
  const document = await call<{ id: string }>(knowledge.url, 'POST', `/knowledge/bases/${base.id}/documents`, { name: `${name}.txt`, text });
  for (const deadline = Date.now() + 20_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const { status } = await call<{ status: string }>(knowledge.url, 'GET', `/knowledge/bases/${base.id}/documents/${document.id}`);
    if (status === 'ready') return base.id;
    if (status === 'failed' || Date.now() > deadline) throw new Error(`the document of ${name} is ${status}`);
  }
}

/** start(name) → text-joiner "Hi, {{name}}" → end { greeting }: the published workflow the agent may call. */
function greeter(): WorkflowDocument {
  const start = node('node-start', { outputs: ['name'] });
  const join = node('text-joiner', { inputs: { name: ref(start.id, 'name') }, outputs: ['output'], param: { prompt: 'Hi, {{name}}' } });
  const end = node('node-end', { inputs: { greeting: ref(join.id, 'output') } });
  return flow([start, join, end], chain(start, join, end));
}

const greeterV2: Subflow = { workflowId: 'wf_greeter', version: 2, name: 'Greeter', description: 'Says hello to someone', workflow: greeter() };

/** An agent node asking `query` (a template over its input `city`) with these plugins, on the space's fake model. */
function agentNode(start: EngineNodeInput, query: string, plugin: Record<string, unknown>): EngineNodeInput {
  return node('agent', {
    inputs: { city: ref(start.id, 'city') },
    outputs: ['output', 'REASONING_CONTENT'],
    param: {
      model: 'fake/fake-chat',
      modelConfig: { agentStrategy: 0 },
      instruction: { reasoning: 'You plan trips.', answer: 'Answer briefly.', query },
      plugin: { tools: [], mcpServerIds: [], mcpServerUrls: [], workflowIds: [], knowledge: [], ...plugin },
      maxLoopCount: 4,
    },
  });
}

/** start(city) → agent → end { answer }. */
function oneAgent(plugin: Record<string, unknown>) {
  const start = node('node-start', { outputs: ['city'] });
  const agent = agentNode(start, 'Plan a day in {{city}}', plugin);
  const end = node('node-end', { inputs: { answer: ref(agent.id, 'output') } });
  return { agent, workflow: flow([start, agent, end], chain(start, agent, end)) };
}

const handbook = (repoIds: string[], name = 'Handbook', description = 'Travel tips') => ({ name, description, topK: 2, repoType: 1, match: { repoIds } });
const forAgent = (replies: ReplyBody[]): ScriptedReply[] => replies.map((reply) => ({ ...reply, match: (request: ChatRequest) => Array.isArray(request.tools) }));
const agentRequests = () => platform.tools.fake.requests.filter((request) => request.path === '/v1/chat/completions').map((request) => request.body as ChatRequest);
/** The tool results an agent node's run reported in its `steps` output, by call id. */
function resultsOf(done: FollowedRun, agent: EngineNodeInput): Record<string, any> {
  const steps = (done.nodes.find((item) => item.nodeId === agent.id)?.outputs as { steps: any[] }).steps;
  return Object.fromEntries(steps.filter((step) => step.type === 'tool_result').map((step) => [step.id, step]));
}

beforeAll(async () => {
  platform = await startAgentNodePlatform();
  teaBase = await newBase('tea', 'Green tea is brewed at 80 degrees for two minutes; black tea wants boiling water.');
  volcanoBase = await newBase('volcanoes', 'Volcanoes erupt molten rock, called lava, from the mantle below the crust.');
}, 240_000);

afterAll(async () => {
  await platform?.close();
});

beforeEach(() => platform.tools.fake.reset());

describe('an agent node with every kind of tool', () => {
  test('calls an OpenAPI tool (by tool id and by operation), an MCP tool, a knowledge search and a published workflow in one run', async () => {
    const { seeded, weather, mcp, fake } = platform.tools;
    const toolSet = `tool_${seeded.weatherToolId.slice(5, 13)}`;
    const server = `mcp_${seeded.mcpServerId.slice(4, 12)}`;
    fake.script(
      forAgent([
        {
          toolCalls: [
            { id: 'call_set', name: `${toolSet}_getWeather`, arguments: { city: 'Hefei' } },
            { id: 'call_operation', name: 'getWeather', arguments: { city: 'Lyon' } },
            { id: 'call_add', name: `${server}_add`, arguments: { a: 2, b: 3 } },
            { id: 'call_search', name: 'knowledge_Handbook', arguments: { query: 'how hot to brew green tea' } },
            { id: 'call_workflow', name: 'wf_wf_greeter_v2', arguments: { name: 'Ada' } },
          ],
        },
        { content: 'Clear skies; 2 + 3 = 5; brew green tea at 80 degrees [1]; Hi, Ada.' },
      ]),
    );
    const { agent, workflow } = oneAgent({
      tools: ['calculator', seeded.weatherToolId, { toolId: seeded.weatherToolId, operationId: 'getWeather', version: 'v1' }],
      mcpServerIds: [seeded.mcpServerId],
      knowledge: [handbook([teaBase])],
      workflowIds: ['wf_greeter'],
    });
    const done = await platform.engine.runToEnd({ workflow, subflows: { wf_greeter: greeterV2 } }, { city: 'Hefei' });
    expect(done.run.status, JSON.stringify(done.run.error)).toBe('succeeded');
    expect(done.run.outputs).toEqual({ answer: 'Clear skies; 2 + 3 = 5; brew green tea at 80 degrees [1]; Hi, Ada.' });

    // The model was offered every operation of the tool set, the one operation, every tool of the server, the search and the workflow.
    const [first] = agentRequests();
    const offered = Object.fromEntries((first?.tools as any[]).map((tool) => [tool.function.name, tool.function]));
    expect(Object.keys(offered).sort()).toEqual(
      ['calculator', `${toolSet}_getWeather`, `${toolSet}_getOutage`, `${toolSet}_getSlowly`, 'getWeather', `${server}_add`, `${server}_shout`, `${server}_fail`, 'knowledge_Handbook', 'wf_wf_greeter_v2'].sort(),
    );
    expect(offered.knowledge_Handbook.description).toContain('"Handbook": Travel tips');
    expect(offered.wf_wf_greeter_v2.description).toBe('Runs the workflow "Greeter": Says hello to someone (published version 2) with the given inputs and answers its outputs.');
    expect(offered.wf_wf_greeter_v2.parameters).toEqual({ type: 'object', properties: { name: { type: 'string' } }, required: [] });
    expect(first?.messages[0]?.content).toContain('You plan trips.');
    expect(lastUserText(first as ChatRequest)).toBe('Plan a day in Hefei');

    // What each service received, and what came back to the node.
    const results = resultsOf(done, agent);
    expect([...weather.queries].sort((a, b) => String(a.city).localeCompare(String(b.city)))).toEqual([{ city: 'Hefei' }, { city: 'Lyon' }]);
    expect(JSON.parse(results.call_set.result)).toEqual({ city: 'Hefei', temperatureC: 21, sky: 'clear' });
    expect(JSON.parse(results.call_operation.result)).toMatchObject({ city: 'Lyon' });
    expect(mcp.hits.some((hit) => hit.method === 'POST' && hit.path === '/mcp')).toBe(true);
    expect(JSON.parse(results.call_add.result)).toEqual({ sum: 5 });
    expect(fake.requests.some((request) => request.path === '/v1/embeddings' && JSON.stringify(request.body).includes('how hot to brew green tea'))).toBe(true);
    const search = JSON.parse(results.call_search.result);
    expect(search.passages[0]).toMatchObject({ n: 1, kbId: teaBase, documentName: 'tea.txt', content: expect.stringContaining('80 degrees') });
    expect(search.passages.every((passage: any) => passage.kbId === teaBase)).toBe(true);
    expect(JSON.parse(results.call_workflow.result)).toEqual({ greeting: 'Hi, Ada' });
    const ran = await platform.call<{ items: unknown[] }>(platform.workflows.url, 'GET', '/workflow/runs?workflowId=wf_greeter');
    expect(ran.items).toMatchObject([{ workflowId: 'wf_greeter', version: 2, status: 'succeeded', inputs: { name: 'Ada' } }]);
  });
});

describe('tools an agent node cannot offer', () => {
  /** The node's plugin, the code it fails with and what its message names (read once the platform is up). */
  const cases: [string, () => { plugin: Record<string, unknown>; code: string; named: string }][] = [
    ['an unpublished tool set', () => ({ plugin: { tools: [platform.tools.seeded.draftToolId] }, code: 'tool_unavailable', named: platform.tools.seeded.draftToolId })],
    ['an MCP server that does not answer', () => ({ plugin: { mcpServerIds: [platform.tools.seeded.deadMcpServerId] }, code: 'tool_unavailable', named: platform.tools.seeded.deadMcpServerId })],
    ['a knowledge base that does not exist', () => ({ plugin: { knowledge: [handbook(['kb_gone'])] }, code: 'tool_unavailable', named: 'kb_gone' })],
    ['a workflow not published when the run started', () => ({ plugin: { workflowIds: ['wf_unpublished'] }, code: 'tool_unavailable', named: 'wf_unpublished' })],
    ['an MCP server by URL', () => ({ plugin: { mcpServerUrls: ['https://mcp.example.com/sse'] }, code: 'mcp_server_url_unsupported', named: 'plugin.mcpServerUrls' })],
    ['a tool entry without a tool', () => ({ plugin: { tools: [{ version: 'v1' }] }, code: 'agent_tool_invalid', named: 'plugin.tools[0]' })],
  ];
  test.each(cases)('%s fails the node naming it, before any model call', async (_case, given) => {
    const { plugin, code, named } = given();
    const { workflow } = oneAgent(plugin);
    const done = await platform.engine.runToEnd({ workflow }, { city: 'Hefei' });
    expect(done.run).toMatchObject({ status: 'failed', error: { code } });
    expect(JSON.stringify(done.run.error)).toContain(named);
    expect(agentRequests()).toHaveLength(0);
  });
});

describe('agents running at the same time', () => {
  test('two agent nodes with a knowledge tool of the same name each search their own bases', async () => {
    // Each agent's first model call waits for the other's: both runs have listed their tools before either searches.
    let arrived = 0;
    let release = () => {};
    const bothListed = new Promise<void>((resolve) => (release = resolve));
    platform.tools.fake.setDefaultReply(async (request) => {
      const topic = lastUserText(request).replace('Look up ', '');
      if (request.messages.some((message) => message.role === 'tool')) return { content: `Read about ${topic}.` };
      arrived += 1;
      if (arrived === 2) release();
      await bothListed;
      return { toolCalls: [{ id: `call_${topic}`, name: 'knowledge_Docs', arguments: { query: topic } }] };
    });
    const start = node('node-start', { outputs: ['city'] });
    const tea = agentNode(start, 'Look up tea', { knowledge: [handbook([teaBase], 'Docs')] });
    const volcanoes = agentNode(start, 'Look up volcanoes', { knowledge: [handbook([volcanoBase], 'Docs')] });
    const end = node('node-end', { inputs: { tea: ref(tea.id, 'output'), volcanoes: ref(volcanoes.id, 'output') } });
    const edges = [edge(start, tea), edge(start, volcanoes), edge(tea, end), edge(volcanoes, end)];
    const done = await platform.engine.runToEnd({ workflow: flow([start, tea, volcanoes, end], edges) }, { city: 'Hefei' });
    expect(done.run).toMatchObject({ status: 'succeeded', outputs: { tea: 'Read about tea.', volcanoes: 'Read about volcanoes.' } });

    const passagesOf = (agent: EngineNodeInput, callId: string) => JSON.parse(resultsOf(done, agent)[callId].result).passages as any[];
    expect(passagesOf(tea, 'call_tea').map((passage) => passage.kbId)).toEqual([teaBase]);
    expect(passagesOf(volcanoes, 'call_volcanoes').map((passage) => passage.kbId)).toEqual([volcanoBase]);
  });
});
