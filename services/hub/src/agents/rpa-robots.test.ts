import { CREATE_PATH, type FakeRpa } from '@astron/testing/fake-rpa';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';

let hub: HubUnderTest;
let fake: FakeOpenAI;
let platform: FakeRpa;
let person: Browser;
let model: string;

const TOKEN = 'rpa-token-of-the-space';
const invoices = { projectId: 'invoice-bot', name: 'collect_invoices', description: 'Collects the invoices of a month.', parameters: { type: 'object', properties: { month: { type: 'string' } }, required: ['month'] } };

/** The `data:` payloads of the debug chat's stream. */
const frames = (text: string): any[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
    .map((line) => JSON.parse(line.slice(6)));

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-rpa' });
  hub = await startTestHub({}, {}, {}, {}, { plugins: true });
  platform = hub.plugins!.rpaPlatform;
  platform.state.robots.set('invoice-bot', { pendingPolls: 1, data: { invoices: 3 } });
  platform.state.robots.set('broken-bot', { pendingPolls: 0, error: 'the login page did not load' });
  person = await hub.signUp('rpa-robots@example.com');
  const provider = await person.call('POST', '/api/providers', { name: 'fake', baseUrl: fake.url, apiKey: 'sk-rpa', models: [{ id: 'fake-chat', kind: 'chat' }] });
  model = `${provider.body.id as string}/fake-chat`;
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

beforeEach(() => fake.reset());

describe('RPA robots in agent drafts', () => {
  test('are saved with their defaults; a bad robot is a 400 naming its field', async () => {
    const created = await person.call('POST', '/api/agents', { name: 'clerk', rpa: [invoices, { projectId: 'broken-bot', name: 'log_in' }] });
    expect(created.status, created.text).toBe(201);
    expect(created.body.rpa).toEqual([invoices, { projectId: 'broken-bot', name: 'log_in', description: '', parameters: { type: 'object', properties: {} } }]);
    const path = `/api/agents/${created.body.id as string}`;

    for (const [robots, field] of [
      [[{ ...invoices, projectId: '' }], 'rpa.0.projectId'],
      [[{ ...invoices, projectId: 'invoice bot' }], 'rpa.0.projectId'],
      [[{ ...invoices, projectId: 7 }], 'rpa.0.projectId'],
      [[{ ...invoices, name: 'collect invoices' }], 'rpa.0.name'],
      [[invoices, { ...invoices, projectId: 'other-bot' }], 'rpa.1.name'],
      [[{ ...invoices, parameters: { type: 'string' } }], 'rpa.0.parameters'],
      [[{ ...invoices, token: 'smuggled' }], 'rpa.0'],
    ] as const) {
      const refused = await person.call('PATCH', path, { rpa: robots });
      expect(refused.status, `${field} ${refused.text}`).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.details.map((detail: { field: string }) => detail.field)).toContain(`body.${field}`);
    }
    expect((await person.call('GET', path)).body.rpa).toHaveLength(2);
  });
});

describe('RPA robots in a run', () => {
  test('without the space token the run is refused naming the robot; with it the model calls the robot with that token', async () => {
    const agent = await person.call('POST', '/api/agents', { name: 'runner', model, rpa: [invoices, { projectId: 'broken-bot', name: 'log_in' }] });
    const chat = (content: string) => person.call('POST', `/api/agents/${agent.body.id as string}/chat`, { messages: [{ role: 'user', content }] });

    const refused = await chat('How many invoices?');
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({ code: 'tool_unavailable', details: { tool: 'collect_invoices', provider: 'rpa' } });
    expect(refused.body.message).toContain('invoice-bot');
    expect(fake.requests).toHaveLength(0);

    expect((await person.call('PUT', '/api/plugins/rpa', { token: TOKEN })).status).toBe(200);
    platform.state.tokens.add(TOKEN);
    fake.script([
      { toolCalls: [{ id: 'call_invoices', name: 'collect_invoices', arguments: { month: 'May' } }, { id: 'call_login', name: 'log_in', arguments: {} }] },
      { content: 'There are 3 invoices; the login robot failed.' },
    ]);
    const answered = await chat('How many invoices?');
    expect(answered.status, answered.text).toBe(200);
    const sent = frames(answered.text);
    expect(sent.map((frame) => frame.choices?.[0]?.delta?.content ?? '').join('')).toBe('There are 3 invoices; the login robot failed.');
    const results = Object.fromEntries(sent.filter((frame) => frame.astron_step?.type === 'tool_result').map((frame) => [frame.astron_step.id, frame.astron_step]));
    expect(JSON.parse(results.call_invoices.result)).toEqual({ invoices: 3 });
    expect(results.call_login.error).toContain('the login page did not load');

    const created = platform.state.requests.filter((request) => request.path === CREATE_PATH);
    expect(created.map((request) => request.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
    expect(created.map((request) => (request.body as { project_id: string }).project_id).sort()).toEqual(['broken-bot', 'invoice-bot']);
    // The model is given the robots, never the token.
    expect(JSON.stringify(fake.requests)).not.toContain(TOKEN);
    expect(answered.text).not.toContain(TOKEN);
  });
});

describe('the RPA settings', () => {
  test('say whether the platform is configured and reachable', async () => {
    expect((await person.call('GET', '/api/plugins/rpa')).body).toMatchObject({ configured: true, reachable: true });
    platform.state.faults.query.push(503);
    expect((await person.call('GET', '/api/plugins/rpa')).body).toMatchObject({ configured: true, reachable: false });
  });
});
