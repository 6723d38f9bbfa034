import { createServiceClient } from '@astron/kit/service-client';
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from '@astron/testing/fake-openai';
import { CREATE_PATH, startFakeRpa, type FakeRpa } from '@astron/testing/fake-rpa';
import { testServers, uniqueName } from '@astron/testing/servers';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { platformEnv, startTestRpa, type RpaUnderTest } from '../../../services/rpa/src/test-harness.js';
import { agentTestSecrets, startTestAgent, type AgentUnderTest } from '../../../services/agent/src/test-harness.js';

const { postgres } = testServers;
const schema = uniqueName('rpa');
const rpaDatabase = { DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}` };
/** The space's token on the RPA platform, as the hub hands it to the run. */
const TOKEN = `rpa-space-token-${uniqueName('t')}`;

let fake: FakeOpenAI;
let platform: FakeRpa;
let rpa: RpaUnderTest;
let agent: AgentUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  platform = await startFakeRpa({
    tokens: [TOKEN],
    robots: { 'invoice-bot': { pendingPolls: 1, data: { invoices: 3, total: 1250 } }, 'broken-bot': { pendingPolls: 0, error: 'element #submit not found' } },
  });
  rpa = await startTestRpa({ ...rpaDatabase, ...platformEnv(platform), ASTRON_SERVICE_TOKEN: agentTestSecrets.ASTRON_SERVICE_TOKEN });
  agent = await startTestAgent({ RPA_URL: rpa.url });
}, 60_000);

afterAll(async () => {
  await agent?.service.stop();
  await rpa?.stop();
  await platform?.close();
  await fake?.close();
  const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

beforeEach(() => {
  fake.reset();
  agent.config.rpaUrl = rpa.url;
});

const invoices = { projectId: 'invoice-bot', description: 'Collects the invoices of a month from the accounting app.', parameters: { type: 'object', properties: { month: { type: 'string' } }, required: ['month'] } };

/** A robot as the hub turns an agent draft's `rpa` entry into a tool reference. */
const robot = (name: string, options: Record<string, unknown>, token: string | null = TOKEN) => ({ name, provider: 'rpa', options: { ...options, token } });

const run = (tools: unknown[]) =>
  agent.call('POST', '/agents/runs', {
    user: 'usr_ada',
    body: { definition: { id: 'agent_rpa', instructions: 'You do office work.', tools, strategy: 'function-calling' }, model: { baseUrl: fake.url, apiKey: 'sk-test', model: 'fake-chat' }, messages: [{ role: 'user', content: 'How many invoices in May?' }] },
  });

const toolResults = (body: any) => Object.fromEntries(body.astron.steps.filter((step: any) => step.type === 'tool_result').map((step: any) => [step.id, step]));
const toolMessage = (index: number, id: string) => (fake.requests[index]?.body as ChatRequest | undefined)?.messages.find((message) => message.role === 'tool' && message.tool_call_id === id)?.content;

describe('RPA robots as tools', () => {
  test('the model calls a robot and reads its data; the platform ran it with the space token, which nobody else saw', async () => {
    fake.script([{ toolCalls: [{ id: 'call_invoices', name: 'collect_invoices', arguments: { month: 'May' } }] }, { content: 'There were 3 invoices, 1250 in total.' }]);
    const answer = await run([robot('collect_invoices', invoices)]);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.choices[0].message.content).toBe('There were 3 invoices, 1250 in total.');
    expect(JSON.parse(toolResults(answer.body).call_invoices.result)).toEqual({ invoices: 3, total: 1250 });

    const offered = (fake.requests[0]?.body as ChatRequest).tools?.map((tool: any) => tool.function);
    expect(offered).toEqual([{ name: 'collect_invoices', description: expect.stringContaining('Collects the invoices of a month'), parameters: invoices.parameters }]);
    expect(toolMessage(1, 'call_invoices')).toContain('"invoices":3');

    const created = platform.state.requests.filter((request) => request.path === CREATE_PATH).at(-1);
    expect(created?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(created?.body).toMatchObject({ project_id: 'invoice-bot', params: { month: 'May' } });
    // The task is recorded in the run's space, traced by the conversation.
    const asHub = createServiceClient({ baseUrl: rpa.url, serviceToken: agentTestSecrets.ASTRON_SERVICE_TOKEN, caller: 'hub' });
    const tasks = await asHub.call<{ tasks: unknown[] }>('GET', '/rpa/v1/tasks', { query: { project_id: 'invoice-bot' }, on: { space: 'space_a' } });
    expect(tasks.tasks[0]).toMatchObject({ status: 'completed', sid: answer.body.astron.conversationId });
    expect(answer.text).not.toContain(TOKEN);
    expect(JSON.stringify(fake.requests)).not.toContain(TOKEN);
  });

  test("a failing robot's error goes to the model", async () => {
    fake.script([{ toolCalls: [{ id: 'call_broken', name: 'submit_form', arguments: {} }] }, { content: 'The robot could not submit the form.' }]);
    const answer = await run([robot('submit_form', { projectId: 'broken-bot' })]);
    expect(answer.status, answer.text).toBe(200);
    const expected = 'Error: the RPA robot broken-bot did not complete (robot_failed): element #submit not found.';
    expect(toolResults(answer.body).call_broken.error).toBe(expected);
    expect(toolMessage(1, 'call_broken')).toBe(expected);
  });

  test('a platform that refuses the robot is an error the model reads, saying whether to try again', async () => {
    platform.state.faults.create.push(503, 503, 503);
    fake.script([{ toolCalls: [{ id: 'call_down', name: 'collect_invoices', arguments: { month: 'May' } }] }, { content: 'Later.' }]);
    const answer = await run([robot('collect_invoices', invoices)]);
    expect(toolResults(answer.body).call_down.error).toMatch(/^Error: the RPA robot invoice-bot did not complete \(create_failed\): .*HTTP 503.*Running it again may work\.$/);
  });
});

describe('robots that cannot be offered refuse the run before the model is asked', () => {
  test('a space without a platform token', async () => {
    const answer = await run([robot('collect_invoices', invoices, null)]);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'tool_unavailable', details: { tool: 'collect_invoices', provider: 'rpa' } });
    expect(answer.body.message).toContain('the RPA robot invoice-bot');
    expect(answer.body.message).toContain('no RPA platform token');
    expect(fake.requests).toHaveLength(0);
  });

  test('an rpa service that is down, or has no platform', async () => {
    agent.config.rpaUrl = 'http://127.0.0.1:9';
    const down = await run([robot('collect_invoices', invoices)]);
    expect(down.status).toBe(409);
    expect(down.body).toMatchObject({ code: 'tool_unavailable', details: { tool: 'collect_invoices', provider: 'rpa', cause: { code: 'unavailable' } } });
    expect(down.body.message).toContain('the RPA robot invoice-bot');

    const bare = await startTestRpa({ ...rpaDatabase, ASTRON_SERVICE_TOKEN: agentTestSecrets.ASTRON_SERVICE_TOKEN });
    try {
      agent.config.rpaUrl = bare.url;
      const unconfigured = await run([robot('collect_invoices', invoices)]);
      expect(unconfigured.status).toBe(409);
      expect(unconfigured.body.message).toContain('XIAOWU_RPA_TASK_CREATE_URL');
    } finally {
      await bare.stop();
    }
    expect(fake.requests).toHaveLength(0);
  });

  test('malformed options are a 400 that does not repeat the token', async () => {
    const answer = await run([robot('collect_invoices', { projectId: '' })]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid_tool_options', message: expect.stringContaining('options.projectId') });
    expect(answer.text).not.toContain(TOKEN);
  });
});
