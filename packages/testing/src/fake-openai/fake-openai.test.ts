import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './index.js';
import type { FakeOpenAI } from './index.js';

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const weatherTools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
];

describe('chat completions without streaming', () => {
  it('echoes the last user message when nothing is scripted', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hello there' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-test');
    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'echo: hello there' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    // 2 messages x 3 overhead + 2 + 2 words; the reply is "echo: hello there" = 3 pieces.
    expect(completion.usage).toEqual({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 });
  });

  it('returns scripted content, reasoning and usage in order', async () => {
    fake.script([
      { content: 'first', reasoning: 'thinking hard', usage: { prompt_tokens: 100 } },
      { content: 'second' },
    ]);
    const first = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'a' }],
    });
    const second = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'b' }],
    });
    expect(first.choices[0]?.message.content).toBe('first');
    expect(first.choices[0]?.message).toHaveProperty('reasoning_content', 'thinking hard');
    expect(first.usage).toEqual({ prompt_tokens: 100, completion_tokens: 3, total_tokens: 103 });
    expect(second.choices[0]?.message.content).toBe('second');
    expect(fake.pendingReplies()).toBe(0);
  });

  it('returns parallel tool calls with JSON arguments', async () => {
    fake.script({
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Hefei' }, id: 'call_a' },
        { name: 'get_weather', arguments: '{"city":"Beijing"}' },
      ],
    });
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: weatherTools,
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const calls = (choice?.message.tool_calls ?? []).map((call) => call.type === 'function' && call.function);
    expect(calls).toEqual([
      { name: 'get_weather', arguments: '{"city":"Hefei"}' },
      { name: 'get_weather', arguments: '{"city":"Beijing"}' },
    ]);
    expect(choice?.message.tool_calls?.[0]?.id).toBe('call_a');
    expect(choice?.message.tool_calls?.[1]?.id).toMatch(/^call_/);
  });

  it('answers a scripted error with its status, which the SDK throws as APIError', async () => {
    fake.script({ error: { status: 429, message: 'slow down' } });
    const failure = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(failure).toMatchObject({ status: 429, message: expect.stringContaining('slow down') as unknown });
    expect((failure as InstanceType<typeof OpenAI.APIError>).type).toBe('rate_limit_error');
  });
});

describe('chat completions streamed', () => {
  it('streams content deltas that join to the reply, then stops at [DONE]', async () => {
    fake.script({ content: 'The quick brown fox jumps over the extraordinarily lazy dog.' });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('The quick brown fox jumps over the extraordinarily lazy dog.');
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.usage === undefined),
    ).toBe(true);
  });

  it('streams reasoning_content before the content', async () => {
    fake.script({ content: 'answer', reasoning: 'step one, step two' });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
    });
    const kinds: string[] = [];
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string; content?: string } | undefined;
      if (delta?.reasoning_content) kinds.push('reasoning');
      if (delta?.content) kinds.push('content');
      reasoning += delta?.reasoning_content ?? '';
    }
    expect(reasoning).toBe('step one, step two');
    expect(kinds.at(-1)).toBe('content');
    expect(kinds.indexOf('content')).toBeGreaterThan(kinds.lastIndexOf('reasoning'));
  });

  it('sends a usage chunk with empty choices when include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'count me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams parallel tool calls that the SDK reassembles', async () => {
    const longArguments = { city: 'Hefei', days: 3, note: 'a fairly long argument value to split' };
    fake.script({
      content: 'Let me check.',
      toolCalls: [
        { name: 'get_weather', arguments: longArguments },
        { name: 'get_time', arguments: { zone: 'Asia/Shanghai' } },
      ],
    });
    const stream = client.chat.completions.stream({
      model: 'm',
      messages: [{ role: 'user', content: 'weather and time?' }],
      tools: weatherTools,
    });
    let argumentDeltas = 0;
    stream.on('tool_calls.function.arguments.delta', () => (argumentDeltas += 1));
    const completion = await stream.finalChatCompletion();
    const message = completion.choices[0]?.message;
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message?.content).toBe('Let me check.');
    const calls = message?.tool_calls?.map((call) => call.type === 'function' && call.function) ?? [];
    expect(calls.map((call) => call && call.name)).toEqual(['get_weather', 'get_time']);
    expect(JSON.parse(calls[0] ? calls[0].arguments : '')).toEqual(longArguments);
    expect(JSON.parse(calls[1] ? calls[1].arguments : '')).toEqual({ zone: 'Asia/Shanghai' });
    expect(argumentDeltas).toBeGreaterThan(4);
  });

  it('answers a scripted error on a stream request with the HTTP status', async () => {
    fake.script({ error: { status: 503, message: 'overloaded', type: 'server_error', code: 'busy' } });
    const failure = await client.chat.completions
      .create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(failure).toMatchObject({ status: 503, code: 'busy', type: 'server_error' });
  });
});

describe('models and protocol errors', () => {
  it('lists and retrieves models', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(['fake-chat', 'fake-embedding']);
    expect(page.data[0]).toMatchObject({ object: 'model', owned_by: 'fake-openai' });
    expect((await client.models.retrieve('fake-chat')).id).toBe('fake-chat');
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('answers 404 to an unknown path and 400 to bad JSON, in the OpenAI error shape', async () => {
    const unknown = await fetch(`${fake.url}/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { type: 'invalid_request_error', code: 'unknown_url' },
    });
    const badJson = await fetch(`${fake.url}/chat/completions`, { method: 'POST', body: '{"model":' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({
      error: { message: expect.any(String) as unknown, param: null },
    });
    const noMessages = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm' }),
    });
    expect(noMessages.status).toBe(400);
  });

  it('records every request with its headers and body', async () => {
    const seen: string[] = [];
    fake.onRequest = (request) => seen.push(request.path);
    await client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      { headers: { 'x-test': 'yes' } },
    );
    fake.onRequest = undefined;
    expect(seen).toEqual(['/v1/chat/completions']);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      headers: { 'x-test': 'yes' },
      body: { model: 'm' },
    });
  });
});

describe('authentication', () => {
  it('answers 401 unless the bearer key matches', async () => {
    const guarded = await startFakeOpenAI({ apiKey: 'sk-right' });
    try {
      const wrong = new OpenAI({ baseURL: guarded.url, apiKey: 'sk-wrong', maxRetries: 0 });
      await expect(wrong.models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
      const right = new OpenAI({ baseURL: guarded.url, apiKey: 'sk-right', maxRetries: 0 });
      expect((await right.models.list()).data.length).toBe(2);
      expect((await fetch(`${guarded.url}/models`)).status).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});
