import { signServiceToken } from '@astron/kit/crypto';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hubTestSecrets, startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { greetingFlow } from '../workflows/test-flows.js';

let fake: FakeOpenAI;
let hub: HubUnderTest;
let alice: Browser;
let bob: Browser;
let providerId: string;
let bobProviderId: string;
let client: OpenAI;

const QUESTION = 'What time is it in Tokyo, and what is 17 * 23?';
const ANSWER = 'It is evening in Tokyo, and 17 * 23 = 391.';
const twoToolsScript = () =>
  fake.script([
    { toolCalls: [{ id: 'call_time', name: 'current_time', arguments: { timezone: 'Asia/Tokyo' } }] },
    { toolCalls: [{ id: 'call_calc', name: 'calculator', arguments: { expression: '17 * 23' } }] },
    { content: ANSWER },
  ]);
const stepNames = (steps: { type: string; name: string }[]) => steps.map((step) => `${step.type}:${step.name}`);
const TWO_TOOL_STEPS = ['tool_call:current_time', 'tool_result:current_time', 'tool_call:calculator', 'tool_result:calculator'];

/** The JSON `data:` payloads of an SSE body ('[DONE]' stays a string). */
function sseData(text: string): any[] {
  return text
    .split('\n\n')
    .flatMap((event) => event.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}

async function newAgent(owner: Browser, fields: Record<string, unknown>): Promise<any> {
  const created = await owner.call('POST', '/api/agents', fields);
  expect(created.status, created.text).toBe(201);
  return created.body;
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-fake-provider' });
  hub = await startTestHub();
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
  const models = [{ id: 'fake-chat', kind: 'chat' }];
  providerId = (await alice.call('POST', '/api/providers', { name: 'fake', baseUrl: fake.url, apiKey: 'sk-fake-provider', models })).body.id;
  bobProviderId = (await bob.call('POST', '/api/providers', { name: 'bob fake', baseUrl: fake.url, apiKey: 'sk-fake-provider', models })).body.id;
  const key = await alice.call('POST', '/api/api-keys', { name: 'sdk' });
  client = new OpenAI({ baseURL: `${hub.url}/v1`, apiKey: key.body.key, maxRetries: 0 });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

beforeEach(() => fake.reset());

describe('agent definitions', () => {
  test('create, edit, publish versions, roll back, export and import, delete; audited; models of the space only', async () => {
    const agent = await newAgent(alice, { name: 'Helper', instructions: 'v1 instructions', model: `${providerId}/fake-chat`, tools: ['calculator'] });
    expect(agent).toMatchObject({ name: 'Helper', strategy: 'auto', maxSteps: 8, memory: { enabled: true, maxTokens: 8000 }, publishedVersion: null });
    expect((await alice.call('POST', '/api/agents', { name: 'x', model: `${bobProviderId}/fake-chat` })).body.code).toBe('unknown_model');
    expect((await alice.call('POST', '/api/agents', { name: 'x', tools: ['rm_rf'] })).status).toBe(400);

    expect((await alice.call('POST', `/api/agents/${agent.id}/publish`)).body.version).toBe(1);
    const edited = await alice.call('PATCH', `/api/agents/${agent.id}`, { instructions: 'v2 instructions', suggestedQuestions: ['Why?'] });
    expect(edited.body).toMatchObject({ instructions: 'v2 instructions', suggestedQuestions: ['Why?'], tools: ['calculator'], publishedVersion: 1 });
    expect((await alice.call('POST', `/api/agents/${agent.id}/publish`)).body.version).toBe(2);
    const versions = await alice.call('GET', `/api/agents/${agent.id}/versions`);
    expect(versions.body.items.map((item: any) => [item.version, item.snapshot.instructions])).toEqual([
      [2, 'v2 instructions'],
      [1, 'v1 instructions'],
    ]);
    const rolledBack = await alice.call('POST', `/api/agents/${agent.id}/rollback`, { version: 1 });
    expect(rolledBack.body).toMatchObject({ instructions: 'v1 instructions', publishedVersion: 2 });
    expect((await alice.call('POST', `/api/agents/${agent.id}/rollback`, { version: 9 })).status).toBe(404);

    const exported = await alice.call('GET', `/api/agents/${agent.id}/export`);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="Helper.agent.json"');
    expect(exported.body).toMatchObject({ format: 'astron-agent', formatVersion: 1, agent: { name: 'Helper', model: `${providerId}/fake-chat` } });
    expect(exported.text).not.toContain('sk-fake-provider');
    const copy = await alice.call('POST', '/api/agents/import', exported.body);
    expect(copy.body).toMatchObject({ agent: { name: 'Helper', model: `${providerId}/fake-chat`, publishedVersion: null }, warnings: [] });
    const elsewhere = await bob.call('POST', '/api/agents/import', exported.body);
    expect(elsewhere.body.agent.model).toBeNull();
    expect(elsewhere.body.warnings[0]).toContain('names no model provider of this space');

    expect((await alice.call('GET', '/api/agents')).body.items.map((item: any) => item.id)).toEqual([copy.body.agent.id, agent.id]);
    expect((await alice.call('DELETE', `/api/agents/${copy.body.agent.id}`)).status).toBe(204);
    expect((await alice.call('GET', `/api/agents/${copy.body.agent.id}`)).status).toBe(404);
    const events = await hub.context.db.kysely.selectFrom('audit_events').select(['action', 'target_id']).where('target_type', '=', 'agent').where('space_id', '=', alice.personalSpaceId).execute();
    expect(events.filter((event) => event.target_id === agent.id).map((event) => event.action).sort()).toEqual([
      'agent.created',
      'agent.published',
      'agent.published',
      'agent.updated',
      'agent.updated',
    ]);
    expect(events.filter((event) => event.target_id === copy.body.agent.id).map((event) => event.action).sort()).toEqual(['agent.created', 'agent.deleted']);
  });
});

describe('running agents', () => {
  let agentId: string;
  let draftOnlyId: string;
  let bobAgentId: string;

  beforeAll(async () => {
    const fields = { name: 'Clock and calculator', instructions: 'You help {{user}}.', model: `${providerId}/fake-chat`, tools: ['calculator', 'current_time'] };
    agentId = (await newAgent(alice, fields)).id;
    expect((await alice.call('POST', `/api/agents/${agentId}/publish`)).status).toBe(200);
    draftOnlyId = (await newAgent(alice, { ...fields, name: 'Unpublished' })).id;
    bobAgentId = (await newAgent(bob, { ...fields, model: `${bobProviderId}/fake-chat` })).id;
    expect((await bob.call('POST', `/api/agents/${bobAgentId}/publish`)).status).toBe(200);
  });

  test('the openai SDK, not streamed: both tools run, the steps ride along, the key stays in the hub', async () => {
    twoToolsScript();
    const completion = await client.chat.completions.create({ model: agentId, messages: [{ role: 'user', content: QUESTION }] });
    expect(completion.choices[0]?.message.content).toBe(ANSWER);
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const astron = (completion as unknown as { astron: { steps: any[]; conversationId: string } }).astron;
    expect(stepNames(astron.steps)).toEqual(TWO_TOOL_STEPS);
    expect(astron.steps[3].result).toBe('{"expression":"17 * 23","result":"391"}');
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer sk-fake-provider');
    expect((fake.requests[0]?.body as any).tools.map((tool: any) => tool.function.name).sort()).toEqual(['calculator', 'current_time']);
  });

  test('the openai SDK, streamed: text deltas, tool steps as astron_step, usage; a conversation id keeps memory', async () => {
    twoToolsScript();
    const stream = await client.chat.completions.create({
      model: agentId,
      messages: [{ role: 'user', content: QUESTION }],
      stream: true,
      conversation_id: 'conv-sdk-1',
    } as OpenAI.Chat.ChatCompletionCreateParamsStreaming);
    let text = '';
    const steps: any[] = [];
    let usage: unknown = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      const step = (chunk as unknown as { astron_step?: unknown }).astron_step;
      if (step !== undefined) steps.push(step);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(ANSWER);
    expect(stepNames(steps)).toEqual(TWO_TOOL_STEPS);
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });

    fake.script({ content: 'You asked about Tokyo.' });
    const followUp = await client.chat.completions.create(
      { model: agentId, messages: [{ role: 'user', content: 'What did I ask?' }] },
      { headers: { 'x-conversation-id': 'conv-sdk-1' } },
    );
    expect(followUp.choices[0]?.message.content).toBe('You asked about Tokyo.');
    const seen = (fake.requests.at(-1)?.body as { messages: { role: string; content: string }[] }).messages;
    expect(seen.map((message) => message.content)).toEqual(expect.arrayContaining([QUESTION, ANSWER, 'What did I ask?']));
  });

  test('a client that disconnects mid-stream stops the run upstream: nothing is stored in its conversation', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    fake.script([{ toolCalls: [{ id: 'call_calc', name: 'calculator', arguments: { expression: '1 + 1' } }] }, () => released.then(() => ({ content: 'too late' }))]);
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: agentId, messages: [{ role: 'user', content: 'add' }], stream: true, conversation_id: 'conv-abort' } as OpenAI.Chat.ChatCompletionCreateParamsStreaming,
      { signal: controller.signal },
    );
    for await (const chunk of stream) {
      if ((chunk as unknown as { astron_step?: { type: string } }).astron_step?.type === 'tool_result') break;
    }
    controller.abort();
    while (fake.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const token = signServiceToken(hubTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', space: alice.personalSpaceId });
    const conversation = await fetch(`${hub.agentUrl}/conversations/conv-abort`, { headers: { authorization: `Service ${token}` } });
    expect(conversation.status).toBe(200);
    expect(((await conversation.json()) as { messages: unknown[] }).messages).toEqual([]);
  });

  test('/v1/models lists published agents only; unknown, unpublished and other spaces\' agents are 404 in OpenAI\'s shape', async () => {
    const models = await client.models.list();
    const listed = models.data.map((model) => model.id);
    expect(listed).toContain(agentId);
    expect(listed).not.toContain(draftOnlyId);
    expect(listed).not.toContain(bobAgentId);
    expect(models.data.find((model) => model.id === agentId)).toMatchObject({ object: 'model', owned_by: alice.personalSpaceId, name: 'Clock and calculator' });
    for (const model of ['agent_nothing', draftOnlyId, bobAgentId]) {
      const refused = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OpenAI.NotFoundError);
      expect(refused).toMatchObject({ status: 404, code: 'model_not_found', type: 'not_found_error' });
    }
    const unauthenticated = await fetch(`${hub.url}/v1/models`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ code: 'missing_credentials', error: { code: 'missing_credentials', type: 'authentication_error' } });
    expect(fake.requests).toHaveLength(0);
  });

  test('the debug chat streams the draft, tool steps included', async () => {
    expect((await alice.call('PATCH', `/api/agents/${draftOnlyId}`, { instructions: 'Draft instructions for {{user}}.' })).status).toBe(200);
    twoToolsScript();
    const chat = await alice.call('POST', `/api/agents/${draftOnlyId}/chat`, { messages: [{ role: 'user', content: QUESTION }], variables: { user: 'Ada' } });
    expect(chat.status).toBe(200);
    expect(chat.headers.get('content-type')).toContain('text/event-stream');
    const frames = sseData(chat.text);
    expect(frames.at(-1)).toBe('[DONE]');
    expect(stepNames(frames.filter((frame) => frame.astron_step).map((frame) => frame.astron_step))).toEqual(TWO_TOOL_STEPS);
    expect(frames.map((frame) => frame.choices?.[0]?.delta?.content ?? '').join('')).toBe(ANSWER);
    expect((fake.requests[0]?.body as any).messages[0]).toEqual({ role: 'system', content: 'Draft instructions for Ada.' });

    const noModel = await newAgent(alice, { name: 'No model' });
    expect((await alice.call('POST', `/api/agents/${noModel.id}/chat`, { messages: [{ role: 'user', content: 'hi' }] })).body.code).toBe('model_required');
    expect((await bob.call('POST', `/api/agents/${agentId}/chat`, { messages: [{ role: 'user', content: 'hi' }] })).status).toBe(404);
  });

  test('conversation logs: debug chat and API runs with their usage and tool steps, per agent and space; deletable', async () => {
    const logged = await newAgent(alice, { name: 'Logged', model: `${providerId}/fake-chat`, tools: ['calculator', 'current_time'] });
    expect((await alice.call('POST', `/api/agents/${logged.id}/publish`)).status).toBe(200);
    twoToolsScript();
    expect((await alice.call('POST', `/api/agents/${logged.id}/chat`, { messages: [{ role: 'user', content: QUESTION }] })).status).toBe(200);
    fake.script({ content: 'Hello from the API.' });
    const completion = await client.chat.completions.create({ model: logged.id, messages: [{ role: 'user', content: 'Say hello' }] });
    const apiConversation = (completion as unknown as { astron: { conversationId: string } }).astron.conversationId;

    const all = await alice.call('GET', `/api/agents/${logged.id}/conversations`);
    expect(all.status, all.text).toBe(200);
    expect(all.body.items.map((item: any) => [item.title, item.source, item.messageCount])).toEqual([
      ['Say hello', 'api', 2],
      [QUESTION, 'debug', 2],
    ]);
    expect(all.body.items[0]).toMatchObject({ id: apiConversation, appId: expect.any(String), usage: { totalTokens: completion.usage?.total_tokens } });
    expect(all.body.nextCursor).toBeNull();
    const debugOnly = await alice.call('GET', `/api/agents/${logged.id}/conversations?source=debug&limit=1`);
    expect(debugOnly.body.items.map((item: any) => item.source)).toEqual(['debug']);
    expect((await alice.call('GET', `/api/agents/${logged.id}/conversations?source=mail`)).status).toBe(400);

    const debugId = debugOnly.body.items[0].id as string;
    const detail = await alice.call('GET', `/api/agents/${logged.id}/conversations/${debugId}`);
    expect(detail.body.messages.map((message: any) => message.role)).toEqual(['user', 'assistant']);
    const answer = detail.body.messages[1];
    expect(stepNames(answer.steps)).toEqual(TWO_TOOL_STEPS);
    expect(answer).toMatchObject({ content: ANSWER, model: 'fake-chat', usage: { promptTokens: expect.any(Number), totalTokens: expect.any(Number) }, durationMs: expect.any(Number) });
    expect(answer.usage.totalTokens).toBeGreaterThan(0);

    // Another agent's or another space's conversation is the same 404 as an unknown one.
    expect((await alice.call('GET', `/api/agents/${agentId}/conversations/${debugId}`)).status).toBe(404);
    expect((await bob.call('GET', `/api/agents/${logged.id}/conversations`)).status).toBe(404);
    expect((await bob.call('GET', `/api/agents/${logged.id}/conversations/${debugId}`)).status).toBe(404);
    expect((await bob.call('DELETE', `/api/agents/${logged.id}/conversations/${debugId}`)).status).toBe(404);

    expect((await alice.call('DELETE', `/api/agents/${logged.id}/conversations/${debugId}`)).status).toBe(204);
    expect((await alice.call('GET', `/api/agents/${logged.id}/conversations/${debugId}`)).status).toBe(404);
    expect((await alice.call('GET', `/api/agents/${logged.id}/conversations`)).body.items.map((item: any) => item.id)).toEqual([apiConversation]);
    const audit = await alice.call('GET', '/api/audit?action=agent.conversation.delete');
    expect(audit.body.items[0]).toMatchObject({ action: 'agent.conversation.delete', details: { conversationId: debugId } });
  });

  test('an alias is unique per space, checked, not versioned, and works as the API model', async () => {
    const aliased = await newAgent(alice, { name: 'Aliased', model: `${providerId}/fake-chat`, alias: 'support-bot' });
    expect(aliased.alias).toBe('support-bot');
    expect((await alice.call('POST', `/api/agents/${aliased.id}/publish`)).status).toBe(200);
    fake.script({ content: 'via alias' });
    const completion = await client.chat.completions.create({ model: 'support-bot', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.message.content).toBe('via alias');
    expect((await client.models.list()).data.find((model) => model.id === aliased.id)).toMatchObject({ alias: 'support-bot' });

    const taken = await alice.call('POST', '/api/agents', { name: 'Copycat', alias: 'support-bot' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'alias_taken', details: [{ field: 'alias' }] });
    expect((await alice.call('PATCH', `/api/agents/${agentId}`, { alias: 'support-bot' })).body.code).toBe('alias_taken');
    for (const bad of ['Support', 'agent_x', '-x', 'a b', 'x'.repeat(65)]) {
      const refused = await alice.call('PATCH', `/api/agents/${agentId}`, { alias: bad });
      expect(refused.status, bad).toBe(400);
      expect(JSON.stringify(refused.body.details)).toContain('alias');
    }
    // Another space may use the same alias; it reaches that space's agent only.
    expect((await newAgent(bob, { name: 'Bob support', alias: 'support-bot' })).alias).toBe('support-bot');

    // Renaming takes effect at once, without a publish; the old alias is free again.
    const renamed = await alice.call('PATCH', `/api/agents/${aliased.id}`, { alias: 'help-desk' });
    expect(renamed.body).toMatchObject({ alias: 'help-desk', publishedVersion: 1 });
    fake.script({ content: 'renamed' });
    expect((await client.chat.completions.create({ model: 'help-desk', messages: [{ role: 'user', content: 'hi' }] })).choices[0]?.message.content).toBe('renamed');
    const gone = await client.chat.completions.create({ model: 'support-bot', messages: [{ role: 'user', content: 'hi' }] }).catch((error: unknown) => error);
    expect(gone).toMatchObject({ status: 404, code: 'model_not_found' });
    expect((await alice.call('PATCH', `/api/agents/${aliased.id}`, { alias: null })).body.alias).toBeNull();
  });

  test('a published workflow is a tool: the model calls it, the workflow runs, its output is the result; unknown or unpublished ones are refused', async () => {
    const created = await alice.call('POST', '/api/workflows', { name: 'Greeter', description: 'Greets a person by name', draft: greetingFlow('Hello, {{name}}!') });
    expect(created.status, created.text).toBe(201);
    const workflowId = created.body.id as string;
    expect((await alice.call('POST', '/api/agents', { name: 'x', workflows: ['workflow_nope'] })).body).toMatchObject({ code: 'unknown_workflow', details: [{ field: 'workflows.0' }] });
    const agent = await newAgent(alice, { name: 'Greeting agent', model: `${providerId}/fake-chat`, workflows: [workflowId] });
    expect(agent.workflows).toEqual([workflowId]);

    // Not published yet: the debug chat says which workflow is missing instead of losing the tool.
    const unpublished = await alice.call('POST', `/api/agents/${agent.id}/chat`, { messages: [{ role: 'user', content: 'hi' }] });
    expect(unpublished.body).toMatchObject({ code: 'workflow_tool_unavailable' });
    expect((await alice.call('POST', `/api/workflows/${workflowId}/publish`)).status).toBe(200);

    const tool = `wf_${workflowId.replace(/^workflow_/, '').slice(0, 40)}_v1`;
    fake.script([{ toolCalls: [{ id: 'call_wf', name: tool, arguments: { name: 'Ada' } }] }, { content: 'The workflow says: Hello, Ada!' }]);
    const chat = await alice.call('POST', `/api/agents/${agent.id}/chat`, { messages: [{ role: 'user', content: 'Greet Ada' }] });
    const steps = sseData(chat.text).filter((frame) => frame.astron_step).map((frame) => frame.astron_step);
    expect(steps.map((step: any) => `${step.type}:${step.name}`)).toEqual([`tool_call:${tool}`, `tool_result:${tool}`]);
    expect(JSON.parse(steps[1].result as string)).toEqual({ output: 'Hello, Ada!' });
    const offered = (fake.requests[0]?.body as any).tools.find((item: any) => item.function.name === tool).function;
    expect(offered).toMatchObject({ description: 'Greeter: Greets a person by name', parameters: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } });
    // The workflow ran as the person in the console: it is in the workflow's run history.
    expect((await alice.call('GET', `/api/workflows/${workflowId}/runs`)).body.items[0]).toMatchObject({ status: 'succeeded' });
  });

  test('the agent service resolves a provider of the token\'s space only', async () => {
    const resolve = (space: string | null, body: unknown) =>
      fetch(`${hub.url}/internal/model-endpoints/resolve`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(space === null ? {} : { authorization: `Service ${signServiceToken(hubTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'agent', space })}` }),
        },
        body: JSON.stringify(body),
      });
    const resolved = await resolve(alice.personalSpaceId, { provider: providerId, model: 'fake-chat' });
    expect(await resolved.json()).toEqual({ baseUrl: fake.url, apiKey: 'sk-fake-provider', headers: {}, model: 'fake-chat' });
    expect((await resolve(bob.personalSpaceId, { provider: providerId, model: 'fake-chat' })).status).toBe(404);
    expect((await resolve(null, { provider: providerId, model: 'fake-chat' })).status).toBe(401);
  });
});
