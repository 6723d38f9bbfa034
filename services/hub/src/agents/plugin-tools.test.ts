import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { greetingDocument, startEchoMcp, startGreetingApi, type TestTarget } from '../plugins/test-harness.js';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { readDraft } from './agents.js';
import { runTools } from './run-tools.js';

let hub: HubUnderTest;
let fake: FakeOpenAI;
let api: TestTarget;
let mcp: TestTarget;

interface SpacePlugins {
  person: Browser;
  model: string;
  toolId: string;
  serverId: string;
  databaseId: number;
}

/** A person whose space has a model, a published tool set, an MCP server and a database. */
async function withPlugins(label: string): Promise<SpacePlugins> {
  const person = await hub.signUp(`${label}@example.com`);
  const provider = await person.call('POST', '/api/providers', { name: 'fake', baseUrl: fake.url, apiKey: 'sk-agent-plugins', models: [{ id: 'fake-chat', kind: 'chat' }] });
  const model = `${provider.body.id as string}/fake-chat`;
  expect((await person.call('PUT', '/api/providers/defaults', { chatModel: model })).status).toBe(200);
  const toolSet = await person.call('POST', '/api/plugins/tool-sets', { source: { text: greetingDocument(api.url) } });
  expect((await person.call('POST', `/api/plugins/tool-sets/${toolSet.body.id as string}/versions`)).status).toBe(201);
  const server = await person.call('POST', '/api/plugins/mcp-servers', { name: 'Echo', url: `${mcp.url}/mcp` });
  const database = await person.call('POST', '/api/databases', { name: `${label} orders` });
  expect(database.status, database.text).toBe(201);
  return { person, model, toolId: toolSet.body.id as string, serverId: server.body.id as string, databaseId: database.body.id as number };
}

const pluginsOf = (space: SpacePlugins) => ({
  plugins: [{ toolId: space.toolId, operationId: 'greetPerson' }],
  mcpTools: [{ serverId: space.serverId, tool: 'echo' }],
  databases: [{ databaseId: space.databaseId }],
  aiTools: ['translation', 'web_reader'],
});

let alice: SpacePlugins;
let bob: SpacePlugins;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-agent-plugins' });
  api = await startGreetingApi();
  mcp = await startEchoMcp();
  hub = await startTestHub({}, {}, {}, {}, { plugins: true });
  alice = await withPlugins('alice');
  bob = await withPlugins('bob');
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await api?.close();
  await mcp?.close();
  await fake?.close();
});

describe('an agent with plugins, MCP tools, databases and AI tools', () => {
  test('is saved with them; a draft naming another space’s plugin is refused naming the field', async () => {
    const created = await alice.person.call('POST', '/api/agents', { name: 'helper', model: alice.model, ...pluginsOf(alice) });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ ...pluginsOf(alice), databases: [{ databaseId: alice.databaseId, readOnly: true }] });
    const path = `/api/agents/${created.body.id as string}`;

    const foreign = pluginsOf(bob);
    for (const [field, value] of [
      ['plugins', foreign.plugins],
      ['mcpTools', foreign.mcpTools],
      ['databases', foreign.databases],
      ['aiTools', ['mind_reading']],
      ['plugins', [{ toolId: alice.toolId, operationId: 'noSuchOperation' }]],
    ] as const) {
      const refused = await alice.person.call('PATCH', path, { [field]: value });
      expect(refused.status, `${field} ${refused.text}`).toBe(400);
      expect(refused.body.details[0].field).toBe(`${field}.0`);
    }
    expect((await alice.person.call('GET', path)).body.plugins).toEqual(pluginsOf(alice).plugins);
    expect((await alice.person.call('POST', '/api/agents', { name: 'thief', ...foreign })).status).toBe(400);

    // An unpublished tool set can be named with version 'draft' only.
    const draftOnly = await alice.person.call('POST', '/api/plugins/tool-sets', { source: { text: greetingDocument(api.url) } });
    const unpublished = await alice.person.call('PATCH', path, { plugins: [{ toolId: draftOnly.body.id, operationId: 'greetPerson' }] });
    expect(unpublished).toMatchObject({ status: 400, body: { code: 'unknown_plugin', details: [{ field: 'plugins.0' }] } });
    expect((await alice.person.call('PATCH', path, { plugins: [{ toolId: draftOnly.body.id, operationId: 'greetPerson', version: 'draft' }] })).status).toBe(200);
  });

  test('its run request names each tool once, with the options the agent service’s providers take', async () => {
    expect((await alice.person.call('PUT', '/api/plugins/ai-tools/models', { vision: alice.model })).status).toBe(200);
    const created = await alice.person.call('POST', '/api/agents', { name: 'runner', model: alice.model, tools: ['web_reader'], ...pluginsOf(alice) });
    const row = await hub.context.db.kysely.selectFrom('agents').selectAll().where('id', '=', created.body.id as string).executeTakeFirstOrThrow();
    const references = await runTools(hub.context).resolve(row.space_id, readDraft(row.draft));
    const models = { image: null, speech: null, transcription: null, vision: alice.model, chat: alice.model };
    expect(references).toEqual([
      { name: 'greetPerson', provider: 'link', options: { toolId: alice.toolId, operationId: 'greetPerson' } },
      { name: `mcp_${alice.serverId.slice(4, 12)}_echo`, provider: 'mcp', options: { serverId: alice.serverId, tool: 'echo' } },
      { name: 'query_alice_orders', provider: 'memory', options: { databaseId: alice.databaseId, readOnly: true } },
      { name: 'translation', provider: 'aitools', options: { tool: 'translation', models } },
      // The built-in web_reader keeps its name; the AI tool of the same name gets a suffix.
      { name: 'web_reader_2', provider: 'aitools', options: { tool: 'web_reader', models } },
    ]);
    for (const reference of references) expect(reference.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);

    // A database deleted after the agent was saved stops the run with a message naming it.
    const spare = await alice.person.call('POST', '/api/databases', { name: 'spare' });
    const draft = { ...readDraft(row.draft), databases: [{ databaseId: spare.body.id as number, readOnly: false }] };
    expect((await alice.person.call('DELETE', `/api/databases/${spare.body.id as number}`)).status).toBe(204);
    await expect(runTools(hub.context).resolve(row.space_id, draft)).rejects.toMatchObject({ status: 409, code: 'agent_tool_unavailable' });
  });

  test('an agent imported into another space keeps only the plugins that space has, saying which it left out', async () => {
    const created = await alice.person.call('POST', '/api/agents', { name: 'traveller', ...pluginsOf(alice) });
    const file = await alice.person.call('GET', `/api/agents/${created.body.id as string}/export`);
    const imported = await bob.person.call('POST', '/api/agents/import', file.body);
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.agent).toMatchObject({ plugins: [], mcpTools: [], databases: [], aiTools: ['translation', 'web_reader'] });
    expect(imported.body.warnings).toHaveLength(3);
    expect(imported.body.warnings.join('\n')).toContain(alice.toolId);
  });
});
