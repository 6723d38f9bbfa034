import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { askingFlow, greetingFlow } from '../workflows/test-flows.js';

let fake: FakeOpenAI;
let hub: HubUnderTest;
let alice: Browser;
let bob: Browser;
let aliceKey: string;
let bobKey: string;

/** The official MCP SDK client, on our endpoint, with an API key. */
async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'external-client', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${hub.url}/v1/mcp`), { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
  return client;
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-mcp' });
  hub = await startTestHub();
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
  aliceKey = (await alice.call('POST', '/api/api-keys', { name: 'mcp' })).body.key;
  bobKey = (await bob.call('POST', '/api/api-keys', { name: 'mcp' })).body.key;
  const provider = await alice.call('POST', '/api/providers', { name: 'fake', baseUrl: fake.url, apiKey: 'sk-mcp', models: [{ id: 'fake-chat', kind: 'chat' }] });
  const agent = await alice.call('POST', '/api/agents', { name: 'Helpdesk', alias: 'helpdesk', description: 'Answers store questions', model: `${provider.body.id as string}/fake-chat` });
  expect(agent.status, agent.text).toBe(201);
  expect((await alice.call('POST', `/api/agents/${agent.body.id as string}/publish`)).status).toBe(200);
  // Edited after publishing: MCP clients keep seeing what was published.
  expect((await alice.call('PATCH', `/api/agents/${agent.body.id as string}`, { description: 'Unfinished new wording' })).status).toBe(200);
  await alice.call('POST', '/api/agents', { name: 'Draft only', model: `${provider.body.id as string}/fake-chat` });
  for (const [name, alias, draft] of [['Greeter', 'greeter', greetingFlow()], ['Asker', 'asker', askingFlow()]] as const) {
    const workflow = await alice.call('POST', '/api/workflows', { name, alias, draft });
    expect(workflow.status, workflow.text).toBe(201);
    expect((await alice.call('POST', `/api/workflows/${workflow.body.id as string}/publish`)).status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

describe('the MCP server of a space (/v1/mcp)', () => {
  test('an external MCP client lists the published agents and workflows, and calls them', async () => {
    const client = await connect(aliceKey);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['agent_helpdesk', 'workflow_asker', 'workflow_greeter']);
    const greeter = tools.find((tool) => tool.name === 'workflow_greeter')!;
    expect(greeter.inputSchema).toMatchObject({ type: 'object', properties: { name: { type: 'string' } }, required: ['name'] });
    expect(tools.find((tool) => tool.name === 'agent_helpdesk')!.description).toContain('Answers store questions');
    expect(JSON.stringify(tools)).not.toContain('Unfinished new wording');

    fake.script([{ content: 'We open at nine.' }]);
    const answered = await client.callTool({ name: 'agent_helpdesk', arguments: { message: 'When do you open?' } });
    expect(answered.isError).toBeFalsy();
    expect(answered.content).toEqual([{ type: 'text', text: 'We open at nine.' }]);
    expect((fake.requests.at(-1)?.body as { messages: unknown[] }).messages.at(-1)).toMatchObject({ role: 'user', content: 'When do you open?' });
    expect((answered.structuredContent as { conversation_id: string }).conversation_id).toEqual(expect.any(String));

    const greeted = await client.callTool({ name: 'workflow_greeter', arguments: { name: 'Ada' } });
    expect(greeted.structuredContent).toMatchObject({ status: 'succeeded', outputs: { output: 'Hello, Ada!' } });
    const paused = await client.callTool({ name: 'workflow_asker', arguments: {} });
    expect(paused.structuredContent).toMatchObject({ status: 'paused' });
    expect(JSON.stringify(paused.content)).toContain('/resume');

    const missing = await client.callTool({ name: 'workflow_greeter', arguments: {} });
    expect(missing.isError).toBe(true);
    const unknown = await client.callTool({ name: 'agent_nobody', arguments: { message: 'hi' } });
    expect(unknown.isError).toBe(true);
    await client.close();
  });

  test("another space's key sees only its own tools; no key or a wrong one is 401", async () => {
    const client = await connect(bobKey);
    expect((await client.listTools()).tools).toEqual([]);
    await client.close();
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } } };
    for (const headers of [{}, { authorization: 'Bearer not-a-key' }] as Record<string, string>[]) {
      const response = await fetch(`${hub.url}/v1/mcp`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(initialize) });
      expect(response.status).toBe(401);
    }
    const stream = await fetch(`${hub.url}/v1/mcp`, { headers: { authorization: `Bearer ${aliceKey}`, accept: 'text/event-stream' } });
    expect(stream.status).toBe(405);
  });
});
