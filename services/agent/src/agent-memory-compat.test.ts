import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyServiceToken } from '@astron/kit/crypto';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { agentTestSecrets, sseData, startTestAgent, type AgentUnderTest } from './test-harness.js';

/**
 * Stands in for the hub's side of decision 0008 (POST /internal/model-endpoints/resolve): it checks the
 * service token and answers the fake model's endpoint, with the key only the hub holds.
 */
function startHubStandIn(fake: () => FakeOpenAI): Promise<{ server: Server; url: string; calls: { space?: string; app?: string; body: unknown }[] }> {
  const calls: { space?: string; app?: string; body: unknown }[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const claims = verifyServiceToken(agentTestSecrets.ASTRON_SERVICE_TOKEN, (request.headers.authorization ?? '').replace('Service ', ''));
      calls.push({ space: claims.space, app: claims.app, body: JSON.parse(text) });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ baseUrl: fake().url, apiKey: 'sk-hub', headers: { 'x-tenant': 'acme' }, model: 'fake-chat', supportsTools: true }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls })));
}

describe('memory, conversations and the original /agent/v1 API', () => {
  let fake: FakeOpenAI;
  let agent: AgentUnderTest;
  let hub: Awaited<ReturnType<typeof startHubStandIn>>;
  const model = () => ({ baseUrl: fake.url, apiKey: null, model: 'fake-chat' });
  const sentMessages = (index: number) => (fake.requests[index]?.body as { messages: { role: string; content: string }[] }).messages;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    hub = await startHubStandIn(() => fake);
    agent = await startTestAgent({ ASTRON_DATA_DIR: ':memory:', HUB_URL: hub.url });
  });
  afterAll(async () => {
    await agent.service.stop();
    await fake.close();
    await new Promise((resolve) => hub.server.close(resolve));
  });
  beforeEach(() => fake.reset());

  const run = (body: Record<string, unknown>, space?: string) =>
    agent.call('POST', '/agents/runs', { ...(space === undefined ? {} : { space }), body: { model: model(), ...body } });

  test('a conversation remembers earlier turns; the window drops the oldest when over budget', async () => {
    const long = `Remember this long story: ${'once upon a time '.repeat(60)}`;
    const definition = { instructions: 'Be brief.', memory: { enabled: true, maxTokens: 120 } };
    fake.script([{ content: 'Noted.' }, { content: 'Second answer.' }]);
    const first = await run({ definition, messages: [{ role: 'user', content: long }] });
    expect(first.status).toBe(200);
    const conversationId = first.body.astron.conversationId as string;
    const second = await run({ definition, conversationId, messages: [{ role: 'user', content: 'And now?' }] });
    expect(second.body.astron.conversationId).toBe(conversationId);
    // Over budget: the long first message is dropped, the newest turns and the system prompt stay.
    expect(sentMessages(1)).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: 'And now?' },
    ]);

    fake.script([{ content: 'Third answer.' }]);
    await run({ definition: { ...definition, memory: { enabled: true, maxTokens: 8_000 } }, conversationId, messages: [{ role: 'user', content: 'Everything?' }] });
    expect(sentMessages(2).map((message) => message.content)).toEqual(['Be brief.', long, 'Noted.', 'And now?', 'Second answer.', 'Everything?']);

    fake.script([{ content: 'Fresh.' }]);
    await run({ definition: { ...definition, memory: { enabled: false, maxTokens: 8_000 } }, conversationId, messages: [{ role: 'user', content: 'Forget it.' }] });
    expect(sentMessages(3).map((message) => message.content)).toEqual(['Be brief.', 'Forget it.']);
  });

  test('conversations: read with steps, delete, and invisible to another space', async () => {
    fake.script([{ toolCalls: [{ name: 'calculator', arguments: { expression: '6 * 7' } }] }, { content: '42.' }]);
    const created = await run({ definition: { id: 'agent_x', tools: ['calculator'] }, conversationId: 'my-chat-1', messages: [{ role: 'user', content: 'six times seven?' }] });
    expect(created.body.astron.conversationId).toBe('my-chat-1');

    const read = await agent.call('GET', '/conversations/my-chat-1');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: 'my-chat-1', agentId: 'agent_x' });
    expect(read.body.messages.map((message: { role: string; content: string }) => [message.role, message.content])).toEqual([
      ['user', 'six times seven?'],
      ['assistant', '42.'],
    ]);
    expect(read.body.messages[1].steps.map((step: { type: string }) => step.type)).toEqual(['tool_call', 'tool_result']);

    expect((await agent.call('GET', '/conversations/my-chat-1', { space: 'space_b' })).status).toBe(404);
    expect((await agent.call('DELETE', '/conversations/my-chat-1', { space: 'space_b' })).status).toBe(404);
    const hijack = await run({ definition: {}, conversationId: 'my-chat-1', messages: [{ role: 'user', content: 'show me' }] }, 'space_b');
    expect(hijack.status).toBe(404);
    expect(fake.requests).toHaveLength(2);

    expect((await agent.call('DELETE', '/conversations/my-chat-1')).status).toBe(204);
    expect((await agent.call('GET', '/conversations/my-chat-1')).status).toBe(404);
    expect((await agent.call('DELETE', '/conversations/my-chat-1')).status).toBe(404);
  });

  const botConfig = (extra: Record<string, unknown> = {}) => ({
    app_id: 'app_1',
    bot_id: 'bot_1',
    model_config: {
      instruct: 'You are terse.',
      plan: { api: fake.url, domain: 'fake-chat', support_function_call: true, parameter: { max_tokens: 256, temperature: 0.2 } },
      summary: { api: fake.url, domain: 'fake-chat' },
    },
    regular_config: { match: { repoId: [] }, rag: { type: 'AIUI-RAG2' } },
    tool_ids: ['calculator'],
    custom_field: 'kept',
    ...extra,
  });

  test('bot-config round trip in the original shape; provider keys are refused', async () => {
    const created = await agent.call('POST', '/agent/v1/bot-config', { body: botConfig() });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: 0, message: 'success', data: { bot_id: 'bot_1', custom_field: 'kept' } });
    const read = await agent.call('GET', '/agent/v1/bot-config?app_id=app_1&bot_id=bot_1');
    expect(read.body).toEqual({ code: 0, message: 'success', data: botConfig() });
    expect((await agent.call('POST', '/agent/v1/bot-config', { body: botConfig() })).status).toBe(409);
    expect((await agent.call('GET', '/agent/v1/bot-config?app_id=app_1&bot_id=bot_1', { space: 'space_b' })).status).toBe(404);
    expect((await agent.call('GET', '/agent/v1/bot-config?app_id=other&bot_id=bot_1')).status).toBe(404);

    const withKey = botConfig({ bot_id: 'bot_key', model_config: { instruct: '', plan: { api: fake.url, domain: 'm', sk: 'sk-secret' } } });
    const refused = await agent.call('POST', '/agent/v1/bot-config', { body: withKey });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'provider_key_not_accepted', message: expect.stringContaining('model_config.plan.sk') });

    const updated = await agent.call('PUT', '/agent/v1/bot-config', { body: botConfig({ model_config: { instruct: 'You are verbose.', plan: { api: fake.url, domain: 'fake-chat' } } }) });
    expect(updated.body.code).toBe(0);
    expect((await agent.call('GET', '/agent/v1/bot-config?app_id=app_1&bot_id=bot_1')).body.data.model_config.instruct).toBe('You are verbose.');
    expect((await agent.call('DELETE', '/agent/v1/bot-config?app_id=app_1&bot_id=bot_1')).body).toEqual({ code: 0, message: 'success', data: null });
    expect((await agent.call('GET', '/agent/v1/bot-config?app_id=app_1&bot_id=bot_1')).status).toBe(404);
  });

  test('/agent/v1/chat/completions answers with the original frames, streamed and not', async () => {
    await agent.call('POST', '/agent/v1/bot-config', { body: botConfig({ bot_id: 'bot_chat' }) });
    const messages = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'what is 17 * 23?' },
    ];
    fake.script([{ toolCalls: [{ id: 'c1', name: 'calculator', arguments: { expression: '17 * 23' } }] }, { content: '391', reasoning: 'multiply' }]);
    const plain = await agent.call('POST', '/agent/v1/chat/completions', { body: { bot_id: 'bot_chat', uid: 'u1', messages }, headers: { 'x-consumer-username': 'app_1' } });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({
      code: 0,
      message: 'success',
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: '391', reasoning_content: 'multiply', tool_calls: [{ id: 'c1', type: 'tool', function: { name: 'calculator', arguments: '{"expression":"17 * 23"}', response: expect.stringContaining('391') } }] }, finish_reason: 'stop' }],
    });
    const sent = fake.requests[0]?.body as { messages: { role: string; content: string }[]; max_tokens: number; temperature: number };
    expect(sent.messages.map((message) => message.content)).toEqual(['You are terse.', 'hi', 'hello', 'what is 17 * 23?']);
    expect(sent).toMatchObject({ max_tokens: 256, temperature: 0.2 });

    fake.script([{ toolCalls: [{ id: 'c2', name: 'calculator', arguments: { expression: '2 + 2' } }] }, { content: 'four' }]);
    const streamed = await agent.call('POST', '/agent/v1/chat/completions', { body: { bot_id: 'bot_chat', messages: [{ role: 'user', content: '2 + 2?' }], stream: true } });
    const frames = sseData(streamed.text);
    expect(frames.at(-1)).toBe('[DONE]');
    expect(frames.slice(0, -1).every((frame) => frame.code === 0 && frame.message === 'success')).toBe(true);
    const toolFrame = frames.find((frame) => frame.choices?.[0]?.delta?.tool_calls);
    expect(toolFrame.choices[0].delta.tool_calls[0]).toMatchObject({ type: 'tool', function: { name: 'calculator', response: expect.stringContaining('"result":"4"') } });
    expect(frames.map((frame) => frame.choices?.[0]?.delta?.content ?? '').join('')).toBe('four');

    const badOrder = await agent.call('POST', '/agent/v1/chat/completions', { body: { bot_id: 'bot_chat', messages: [{ role: 'assistant', content: 'x' }] } });
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.message).toContain('messages role order must alternate');
    expect((await agent.call('POST', '/agent/v1/chat/completions', { space: 'space_b', body: { bot_id: 'bot_chat', messages: [{ role: 'user', content: 'x' }] } })).status).toBe(404);
  });

  test('a bot config naming a provider gets its endpoint and key from the hub at run time', async () => {
    const config = botConfig({ bot_id: 'bot_hub', model_config: { instruct: '', plan: { provider: 'prov_openai', domain: 'gpt-x' } }, tool_ids: [] });
    expect((await agent.call('POST', '/agent/v1/bot-config', { body: config })).body.code).toBe(0);
    fake.script([{ content: 'via hub' }]);
    const answer = await agent.call('POST', '/agent/v1/chat/completions', { body: { bot_id: 'bot_hub', messages: [{ role: 'user', content: 'hi' }] }, headers: { 'x-consumer-username': 'app_1' } });
    expect(answer.body.choices[0].message.content).toBe('via hub');
    expect(hub.calls.at(-1)).toEqual({ space: 'space_a', app: 'app_1', body: { provider: 'prov_openai', model: 'gpt-x' } });
    expect(fake.requests[0]?.headers).toMatchObject({ authorization: 'Bearer sk-hub', 'x-tenant': 'acme' });
    expect((await agent.call('GET', '/agent/v1/bot-config?app_id=app_1&bot_id=bot_hub')).text).not.toContain('sk-hub');
  });
});
