import type { ChatRequest, ReplyBody, ScriptedReply } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startToolServices, type ToolServices } from './tool-services.js';

let services: ToolServices;

beforeAll(async () => {
  services = await startToolServices();
}, 120_000);
afterAll(async () => {
  await services?.close();
});
beforeEach(() => services.fake.reset());

const model = () => ({ baseUrl: services.fake.url, apiKey: 'sk-test', model: 'fake-chat' });

/** The agent's tool references, as the hub builds them from a draft's plugins, mcpTools, databases and aiTools. */
function tools() {
  const { seeded } = services;
  return [
    { name: 'getWeather', provider: 'link', options: { toolId: seeded.weatherToolId, operationId: 'getWeather' } },
    { name: 'mcp_fake_add', provider: 'mcp', options: { serverId: seeded.mcpServerId, tool: 'add' } },
    { name: 'query_shop', provider: 'memory', options: { databaseId: seeded.shopDatabaseId, readOnly: true } },
    { name: 'translation', provider: 'aitools', options: { tool: 'translation', models: { chat: 'p1/fake-chat', image: null, speech: null, transcription: null, vision: null } } },
  ];
}

/** A run as the hub sends it for usr_ada in the console (the end user whose database rows the run sees). */
const run = (body: Record<string, unknown>) =>
  services.agent.call('POST', '/agents/runs', { user: 'usr_ada', body: { model: model(), messages: [{ role: 'user', content: 'Plan my day' }], ...body } });

const definition = (toolReferences: unknown[]) => ({ id: 'agent_tools', instructions: 'You help.', tools: toolReferences, strategy: 'function-calling' });

/** Replies for the agent's model only (its requests carry tools); the AI tools' own chat requests never take them. */
const forAgent = (replies: ReplyBody[]): ScriptedReply[] => replies.map((reply) => ({ ...reply, match: (request: ChatRequest) => Array.isArray(request.tools) }));
const agentRequests = () => services.fake.requests.map((request) => request.body as ChatRequest).filter((body) => Array.isArray(body.tools));
const toolMessage = (request: ChatRequest | undefined, id: string) => request?.messages.find((message) => message.role === 'tool' && message.tool_call_id === id)?.content;

describe('one conversation using a plugin, an MCP tool, a database and an AI tool', () => {
  test('the model sees their descriptions, calls each, and reads the results and a refused statement', async () => {
    services.fake.script([
      ...forAgent([
        { toolCalls: [{ id: 'call_weather', name: 'getWeather', arguments: { city: 'Hefei' } }, { id: 'call_add', name: 'mcp_fake_add', arguments: { a: 2, b: 3 } }] },
        { toolCalls: [{ id: 'call_select', name: 'query_shop', arguments: { sql: 'select item, total from orders order by item' } }] },
        { toolCalls: [{ id: 'call_drop', name: 'query_shop', arguments: { sql: 'drop table orders' } }] },
        { toolCalls: [{ id: 'call_translate', name: 'translation', arguments: { text: 'It is sunny', target: 'French' } }] },
        { content: 'Sunny in Hefei; 2 + 3 = 5; you bought a book and a pen. Il fait beau.' },
      ]),
      { match: (request) => !Array.isArray(request.tools) && JSON.stringify(request.messages[0]?.content).includes('into French'), content: 'Il fait beau' },
    ]);
    const answer = await run({ definition: definition(tools()) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.choices[0].message.content).toBe('Sunny in Hefei; 2 + 3 = 5; you bought a book and a pen. Il fait beau.');
    expect(answer.body.astron.conversationId).toMatch(/^conv_/);

    const results = Object.fromEntries(answer.body.astron.steps.filter((step: any) => step.type === 'tool_result').map((step: any) => [step.id, step]));
    expect(JSON.parse(results.call_weather.result)).toEqual({ city: 'Hefei', temperatureC: 21, sky: 'clear' });
    expect(services.weather.queries).toEqual([{ city: 'Hefei' }]);
    expect(JSON.parse(results.call_add.result)).toEqual({ sum: 5 });
    expect(services.mcp.hits.some((hit) => hit.path === '/mcp' && hit.method === 'POST')).toBe(true);
    // Only usr_ada's rows: the run's end user reached memory as the uid of the user-scoped table.
    const selected = JSON.parse(results.call_select.result);
    expect(selected).toMatchObject({ command: 'SELECT', columns: ['item', 'total'], rowCount: 2, truncated: false });
    expect(selected.rows.map((row: any) => row.item)).toEqual(['book', 'pen']);
    expect(results.call_drop.error).toMatch(/^Error: the database refused the statement: .*\(sql_statement_not_allowed\)\. Correct the SQL/);
    expect(JSON.parse(results.call_translate.result)).toEqual({ text: 'Il fait beau', source: 'auto', target: 'French' });

    const requests = agentRequests();
    expect(requests).toHaveLength(5);
    const offered = Object.fromEntries((requests[0]?.tools as any[]).map((tool) => [tool.function.name, tool.function]));
    expect(Object.keys(offered)).toEqual(['getWeather', 'mcp_fake_add', 'query_shop', 'translation']);
    expect(offered.getWeather).toMatchObject({ description: 'The current weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } });
    expect(offered.mcp_fake_add).toMatchObject({ description: 'Adds two numbers', parameters: { properties: { a: { type: 'number' }, b: { type: 'number' } } } });
    expect(offered.query_shop.parameters).toEqual({ type: 'object', properties: { sql: { type: 'string', description: 'One PostgreSQL statement' } }, required: ['sql'] });
    expect(offered.query_shop.description).toContain('"shop" (orders of the shop)');
    expect(offered.query_shop.description).toContain('PostgreSQL. Send exactly one statement');
    expect(offered.query_shop.description).toContain('read-only here: write SELECT statements only');
    expect(offered.query_shop.description).toMatch(/create table orders[\s\S]*item[\s\S]*what was bought/i);
    expect(offered.translation).toMatchObject({ description: 'Translates a text into another language.', parameters: { required: ['text', 'target'] } });
    expect(offered.translation.parameters.$schema).toBeUndefined();
    expect(toolMessage(requests[3], 'call_drop')).toContain('sql_statement_not_allowed');

    // The DROP never ran: the table still answers.
    const after = await services.setup<{ rowCount: number }>(services.memory.url, 'POST', `/memory/v1/databases/${services.seeded.shopDatabaseId}/sql`, { sql: 'select * from orders', env: 'prod', uid: 'usr_bob' });
    expect(after.rowCount).toBe(1);
  });

  test('failures during calls go back to the model as errors it can act on', async () => {
    const { seeded } = services;
    services.fake.script(
      forAgent([
        {
          toolCalls: [
            { id: 'call_outage', name: 'outage', arguments: {} },
            { id: 'call_fail', name: 'mcp_fake_fail', arguments: {} },
            { id: 'call_write', name: 'query_shop', arguments: { sql: "insert into orders (item) values ('free lunch')" } },
            { id: 'call_missing', name: 'getWeather', arguments: {} },
          ],
        },
        { content: 'Nothing worked.' },
      ]),
    );
    const references = [
      { name: 'outage', provider: 'link', options: { toolId: seeded.weatherToolId, operationId: 'getOutage', version: 'v1' } },
      { name: 'getWeather', provider: 'link', options: { toolId: seeded.weatherToolId, operationId: 'getWeather' } },
      { name: 'mcp_fake_fail', provider: 'mcp', options: { serverId: seeded.mcpServerId, tool: 'fail' } },
      { name: 'query_shop', provider: 'memory', options: { databaseId: seeded.shopDatabaseId } },
    ];
    const answer = await run({ definition: definition(references) });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const errors = Object.fromEntries(answer.body.astron.steps.filter((step: any) => step.type === 'tool_result').map((step: any) => [step.id, step.error]));
    expect(errors.call_outage).toBe('Error: the API answered HTTP 503: {"error":"the weather station is down"}');
    expect(errors.call_fail).toBe('Error: the MCP tool reported an error: it went wrong');
    // readOnly defaults to true: a database tool changes nothing unless the agent says so.
    expect(errors.call_write).toMatch(/refused the statement: .*\(sql_read_only\)/);
    expect(errors.call_missing).toMatch(/city.*\(missing_inputs\)/);
    expect(toolMessage(agentRequests()[1], 'call_outage')).toContain('HTTP 503');
  });
});
