import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EngineNodeInput } from '../../../services/workflow/src/engine/graph.js';
import { chain, edge, flow, inputId, literal, node, ref, type NodeSpec } from '../../../services/workflow/src/engine/test-flows.js';
import { startFakeMcp, startWeatherApi, startWorkflowWithPeers, weatherDocument, type FakeServer, type WorkflowWithPeers } from './peers.js';

// The plugin and database nodes against the real link and memory services, run through the workflow service.

let platform: WorkflowWithPeers;
let weather: FakeServer;
let mcp: FakeServer;
let toolId: string;
let serverId: string;
let databaseId: number;

/** A node whose outputs have these types (test-flows declares strings). */
function typed(type: string, spec: NodeSpec & { types?: Record<string, Record<string, unknown>> }): EngineNodeInput {
  const built = node(type, { ...spec, outputs: Object.keys(spec.types ?? {}) });
  built.data.outputs = Object.entries(spec.types ?? {}).map(([name, schema]) => ({ name, schema, required: false }));
  return built;
}

const weatherNode = (city: ReturnType<typeof ref>, param: Record<string, unknown> = {}, retry?: Record<string, unknown>) =>
  typed('plugin', { inputs: { city }, param: { pluginId: toolId, operationId: 'getWeather', ...param }, types: { temperature: { type: 'integer' }, summary: { type: 'string' }, missing: { type: 'array' } }, ...(retry === undefined ? {} : { retry }) });

const sqlNode = (sql: string, inputs: NodeSpec['inputs'], retry?: Record<string, unknown>) =>
  typed('database', { inputs, param: { dbId: databaseId, mode: 0, sql }, types: { isSuccess: { type: 'boolean' }, message: { type: 'string' }, outputList: { type: 'array' } }, ...(retry === undefined ? {} : { retry }) });

async function run(nodes: EngineNodeInput[], edges = chain(...nodes), inputs: Record<string, unknown> = {}, options: { version?: number | null; as?: { app: string } } = {}) {
  const answer = await platform.workflow.call('POST', '/workflow/runs', { body: { workflowId: 'wf_tools', version: options.version ?? null, workflow: flow(nodes, edges), inputs }, ...(options.as === undefined ? {} : { as: options.as }) });
  expect(answer.status, answer.text).toBe(200);
  const details = await platform.workflow.call('GET', `/workflow/runs/${answer.body.id}`);
  return { run: answer.body, nodes: details.body.nodes as { nodeId: string; status: string; outputs: any; error: any }[] };
}

beforeAll(async () => {
  weather = await startWeatherApi();
  mcp = await startFakeMcp();
  platform = await startWorkflowWithPeers({ EGRESS_ALLOW_HOSTS: '127.0.0.1' });
  const imported = await platform.link('POST', '/link/v1/tool-sets', { source: { text: JSON.stringify(weatherDocument(weather.origin)) } });
  expect(imported.status, imported.text).toBe(201);
  toolId = imported.body.id;
  expect((await platform.link('POST', `/link/v1/tool-sets/${toolId}/versions`)).status).toBe(201);
  const server = await platform.link('POST', '/link/v1/mcp/servers', { name: 'fake', url: `${mcp.origin}/mcp` });
  expect(server.status, server.text).toBe(201);
  serverId = server.body.id;
  const database = await platform.memory('POST', '/memory/v1/databases', { name: 'notes' });
  expect(database.status, database.text).toBe(201);
  databaseId = database.body.id;
  const columns = [{ name: 'city', type: 'string' }, { name: 'summary', type: 'string' }, { name: 'temperature', type: 'integer' }];
  expect((await platform.memory('POST', `/memory/v1/databases/${databaseId}/tables`, { name: 'notes', columns })).status).toBe(201);
  expect((await platform.memory('POST', `/memory/v1/databases/${databaseId}/tables`, { name: 'diary', userScoped: true, columns: [{ name: 'entry', type: 'string' }] })).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await platform?.stop();
  await weather?.close();
  await mcp?.close();
});

describe('plugin and database nodes', () => {
  test('a workflow calls a tool, writes its answer to a database and reads it back (the draft works on the development copy)', async () => {
    const start = node('node-start', { outputs: ['city'] });
    const tool = weatherNode(ref(start.id, 'city'));
    const write = sqlNode("INSERT INTO notes (city, summary, temperature) VALUES ({{city}}, '{{summary}}', {{temperature}}) RETURNING city, temperature", {
      city: ref(start.id, 'city'),
      summary: ref(tool.id, 'summary'),
      temperature: ref(tool.id, 'temperature'),
    });
    const read = typed('database', {
      inputs: { wanted: ref(start.id, 'city') },
      param: { dbId: databaseId, mode: 3, tableName: 'notes', assignmentList: ['city', 'summary'], orderData: [{ fieldName: 'id', order: 'desc' }], limit: 5 },
      types: { outputList: { type: 'array' } },
    });
    // Conditions name their value by the input's id, as the original console writes them.
    read.data.nodeParam!.cases = [{ logicalOperator: 'and', conditions: [{ fieldName: 'city', varIndex: inputId(read, 'wanted'), selectCondition: '=' }] }];
    const end = node('node-end', { inputs: { written: ref(write.id, 'outputList'), read: ref(read.id, 'outputList'), temperature: ref(tool.id, 'temperature'), missing: ref(tool.id, 'missing') } });
    const { run: result, nodes } = await run([start, tool, write, read, end], undefined, { city: 'Lyon' });
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    expect(result.outputs).toEqual({ written: [{ city: 'Lyon', temperature: 21 }], read: [{ city: 'Lyon', summary: 'sunny in Lyon' }], temperature: 21, missing: [] });
    expect(nodes.find((item) => item.nodeId === tool.id)?.outputs).toEqual({ temperature: 21, summary: 'sunny in Lyon', missing: [] });
    expect(nodes.find((item) => item.nodeId === write.id)?.outputs).toMatchObject({ isSuccess: true, message: 'success' });
    expect(weather.hits).toContain('GET /weather?city=Lyon');
    const development = await platform.memory('POST', `/memory/v1/databases/${databaseId}/sql`, { sql: "SELECT summary FROM notes WHERE city = 'Lyon'", env: 'dev' });
    expect(development.body.rows).toEqual([{ summary: 'sunny in Lyon' }]);
  });

  test('a published workflow works on the production copy; env on the node picks the copy', async () => {
    expect((await platform.memory('POST', `/memory/v1/databases/${databaseId}/publish`, {})).status).toBe(200);
    const start = node('node-start');
    const count = (param: Record<string, unknown>) => typed('database', { param: { dbId: databaseId, mode: 0, sql: 'SELECT count(*)::int AS n FROM notes', ...param }, types: { outputList: { type: 'array' } } });
    const production = count({});
    const development = count({ env: 'dev' });
    const end = node('node-end', { inputs: { production: ref(production.id, 'outputList'), development: ref(development.id, 'outputList') } });
    const { run: result } = await run([start, production, development, end], [edge(start, production), edge(start, development), edge(production, end), edge(development, end)], {}, { version: 1 });
    expect(result.outputs).toEqual({ production: [{ n: 0 }], development: [{ n: expect.any(Number) }] });
    expect(result.outputs.development[0].n).toBeGreaterThan(0);
  });

  test("business inputs: a value the tool needs is found inside the node's inputs by name, as the original's businessInput", async () => {
    const start = node('node-start', { outputs: ['order'] });
    const tool = typed('plugin', { inputs: { order: ref(start.id, 'order') }, param: { pluginId: toolId, operationId: 'getWeather', version: 'v1', businessInput: ['city'] }, types: { summary: { type: 'string' } } });
    const end = node('node-end', { inputs: { summary: ref(tool.id, 'summary') } });
    const { run: result } = await run([start, tool, end], undefined, { order: { items: [{ sku: 1 }], delivery: { city: 'Turin' } } });
    expect(result.outputs).toEqual({ summary: 'sunny in Turin' });
  });

  test('an MCP tool runs with the inputs as arguments; its JSON answer gives the outputs', async () => {
    const start = node('node-start', { outputs: ['q'] });
    const tool = typed('plugin', { inputs: { q: ref(start.id, 'q') }, param: { mcpServerId: serverId, toolName: 'lookup' }, types: { answer: { type: 'string' } } });
    const end = node('node-end', { inputs: { answer: ref(tool.id, 'answer') } });
    expect((await run([start, tool, end], undefined, { q: 'owls' })).run.outputs).toEqual({ answer: 'found owls' });
    const failing = typed('plugin', { param: { mcpServerId: serverId, toolName: 'explode' }, types: { answer: { type: 'string' } } });
    const failed = await run([start, failing, node('node-end')], undefined, { q: 'x' });
    expect(failed.run).toMatchObject({ status: 'failed', error: { code: 'tool_failed', message: expect.stringContaining('the tool exploded') } });
  });

  test('an unknown tool, an unknown operation and a failing tool fail the node with clear codes', async () => {
    const start = node('node-start', { outputs: ['city'] });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ pluginId: 'tool@000000000000' }, 'tool_unavailable', /tool tool@000000000000 not found/],
      [{ pluginId: 'not-a-tool-id' }, 'tool_unavailable', /must be a tool id/],
      [{ operationId: 'nope' }, 'tool_unavailable', /no operation nope/],
      [{ version: 'v9' }, 'tool_unavailable', /no version v9/],
      [{ operationId: 'broken' }, 'tool_failed', /answered 500.*weather station is down/],
    ];
    for (const [param, code, message] of cases) {
      const tool = weatherNode(ref(start.id, 'city'), param);
      const { run: result } = await run([start, tool, node('node-end')], undefined, { city: 'Oslo' });
      expect(result, JSON.stringify(param)).toMatchObject({ status: 'failed', error: { code, nodeId: tool.id } });
      expect(result.error.message).toMatch(message);
    }
  });

  test('refused SQL fails the node with the memory service\'s message; "continue with default" and the error branch apply', async () => {
    const start = node('node-start');
    const refused = sqlNode('DROP TABLE notes', {}, { error_strategy: 1, custom_output: { isSuccess: false, outputList: [] } });
    const end = node('node-end', { inputs: { ok: ref(refused.id, 'isSuccess'), code: ref(refused.id, 'errorCode'), why: ref(refused.id, 'errorMessage') } });
    const defaulted = await run([start, refused, end]);
    expect(defaulted.run.status).toBe('succeeded');
    expect(defaulted.run.outputs).toMatchObject({ ok: false, code: 'sql_statement_not_allowed' });
    expect(defaulted.run.outputs.why).toMatch(/DROP/i);

    const branching = sqlNode('SELECT * FROM secrets', {}, { error_strategy: 2 });
    const onSuccess = node('text-joiner', { outputs: ['output'], param: { prompt: 'read' } });
    const onFailure = node('text-joiner', { inputs: { why: ref(branching.id, 'errorCode') }, outputs: ['output'], param: { prompt: 'refused: {{why}}' } });
    const branchEnd = node('node-end', { inputs: { a: ref(onSuccess.id, 'output'), b: ref(onFailure.id, 'output') } });
    const recovered = await run([start, branching, onSuccess, onFailure, branchEnd], [edge(start, branching), edge(branching, onSuccess), edge(branching, onFailure, 'fail_one_of::x'), edge(onSuccess, branchEnd), edge(onFailure, branchEnd)]);
    expect(recovered.run).toMatchObject({ status: 'succeeded', outputs: { b: 'refused: sql_unknown_table' } });
    expect(recovered.nodes.map((item) => item.nodeId)).not.toContain(onSuccess.id);
  });

  test('SQL in an input stays a value, in the statement and in a quoted string', async () => {
    const start = node('node-start', { outputs: ['city', 'pattern'] });
    const attack = "x'); DROP TABLE notes; --";
    const write = sqlNode('INSERT INTO notes (city, summary) VALUES ({{city}}, \'note: {{city}}\') RETURNING city, summary', { city: ref(start.id, 'city') });
    const search = sqlNode("SELECT city FROM notes WHERE city = '{{pattern}}' OR summary LIKE '%{{pattern}}%'", { pattern: ref(start.id, 'pattern') });
    const end = node('node-end', { inputs: { written: ref(write.id, 'outputList'), found: ref(search.id, 'outputList') } });
    const { run: result } = await run([start, write, search, end], undefined, { city: attack, pattern: "' OR '1'='1" });
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    expect(result.outputs).toEqual({ written: [{ city: attack, summary: `note: ${attack}` }], found: [] });
    const stored = await platform.memory('POST', `/memory/v1/databases/${databaseId}/sql`, { sql: 'SELECT count(*)::int AS n FROM notes WHERE city = $1', params: [attack], env: 'dev' });
    expect(stored.body.rows).toEqual([{ n: 1 }]);
  });

  test('the structured modes insert, update and delete through the memory service\'s checks', async () => {
    const start = node('node-start', { outputs: ['city', 'temperature'] });
    const condition = (target: EngineNodeInput, selectCondition: string) => ({ logicalOperator: 'and', conditions: [{ fieldName: 'city', varIndex: inputId(target, 'city'), selectCondition }] });
    const insert = typed('database', { inputs: { city: ref(start.id, 'city'), temperature: literal(3) }, param: { dbId: databaseId, mode: 1, tableName: 'notes' }, types: { outputList: { type: 'array' } } });
    const update = typed('database', { inputs: { city: ref(start.id, 'city'), temperature: ref(start.id, 'temperature') }, param: { dbId: databaseId, mode: 2, tableName: 'notes', assignmentList: ['temperature'] }, types: { outputList: { type: 'array' } } });
    update.data.nodeParam!.cases = [condition(update, '=')];
    const remove = typed('database', { inputs: { city: ref(start.id, 'city') }, param: { dbId: databaseId, mode: 4, tableName: 'notes' }, types: { isSuccess: { type: 'boolean' } } });
    remove.data.nodeParam!.cases = [condition(remove, 'like')];
    const end = node('node-end', { inputs: { inserted: ref(insert.id, 'outputList'), updated: ref(update.id, 'outputList'), removed: ref(remove.id, 'isSuccess') } });
    const { run: result } = await run([start, insert, update, remove, end], undefined, { city: 'Bergen', temperature: 9 });
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    expect(result.outputs.inserted).toEqual([expect.objectContaining({ city: 'Bergen', temperature: 3, id: expect.anything() })]);
    expect(result.outputs.updated).toEqual([expect.objectContaining({ city: 'Bergen', temperature: 9 })]);
    expect(result.outputs.removed).toBe(true);
    const left = await platform.memory('POST', `/memory/v1/databases/${databaseId}/sql`, { sql: "SELECT count(*)::int AS n FROM notes WHERE city LIKE '%Bergen%'", env: 'dev' });
    expect(left.body.rows).toEqual([{ n: 0 }]);
  });

  test("user-scoped tables keep each run owner's rows apart", async () => {
    const start = node('node-start', { outputs: ['entry'] });
    const write = sqlNode('INSERT INTO diary (entry) VALUES ({{entry}})', { entry: ref(start.id, 'entry') });
    const read = sqlNode('SELECT entry FROM diary ORDER BY id', {});
    const end = node('node-end', { inputs: { entries: ref(read.id, 'outputList') } });
    await run([start, write, read, end], undefined, { entry: 'from app 1' });
    const second = await run([start, write, read, end], undefined, { entry: 'from app 2' }, { as: { app: 'app_2' } });
    expect(second.run.outputs).toEqual({ entries: [{ entry: 'from app 2' }] });
    const again = await run([start, read, end]);
    expect(again.run.outputs).toEqual({ entries: [{ entry: 'from app 1' }] });
  });
});
