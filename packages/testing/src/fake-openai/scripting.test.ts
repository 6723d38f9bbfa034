import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lastUserText, startFakeOpenAI } from './index.js';
import type { FakeOpenAI } from './index.js';

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  // A little latency keeps both requests of the concurrency test in flight together.
  fake = await startFakeOpenAI({ latencyMs: 20 });
  client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

async function ask(text: string, stream = false): Promise<string> {
  if (!stream) {
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: text }],
    });
    return completion.choices[0]?.message.content ?? '';
  }
  const chunks = await client.chat.completions.create({
    model: 'm',
    messages: [{ role: 'user', content: text }],
    stream: true,
  });
  let content = '';
  for await (const chunk of chunks) content += chunk.choices[0]?.delta.content ?? '';
  return content;
}

describe('scripted replies', () => {
  it('routes replies by matcher to two concurrent requests, whatever the order', async () => {
    fake.script([
      { match: (request) => lastUserText(request).includes('beta'), content: 'reply for beta' },
      { match: (request) => lastUserText(request).includes('alpha'), content: 'reply for alpha' },
    ]);
    const [alpha, beta] = await Promise.all([ask('alpha question', true), ask('beta question')]);
    expect(alpha).toBe('reply for alpha');
    expect(beta).toBe('reply for beta');
    expect(fake.pendingReplies()).toBe(0);
  });

  it('prefers a matching reply to an earlier plain one, and leaves unmatched replies queued', async () => {
    fake.script([
      { content: 'plain' },
      { match: (request) => lastUserText(request) === 'special', content: 'matched' },
      { match: () => false, content: 'never' },
    ]);
    expect(await ask('special')).toBe('matched');
    expect(await ask('anything')).toBe('plain');
    expect(await ask('again')).toBe('echo: again');
    expect(fake.pendingReplies()).toBe(1);
  });

  it('lets a matcher read the request headers', async () => {
    fake.script({ match: (_request, recorded) => recorded.headers['x-test-id'] === 't1', content: 'for t1' });
    const completion = await client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'x' }] },
      { headers: { 'x-test-id': 't1' } },
    );
    expect(completion.choices[0]?.message.content).toBe('for t1');
  });

  it('builds dynamic replies from functions, sync or async', async () => {
    fake.script([
      (request) => ({ content: `you said ${lastUserText(request)} to ${request.model}` }),
      async (request) => ({ toolCalls: [{ name: 'lookup', arguments: { query: lastUserText(request) } }] }),
    ]);
    expect(await ask('hi')).toBe('you said hi to m');
    const completion = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'q' }],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'lookup',
      arguments: '{"query":"q"}',
    });
  });

  it('answers 500 when a reply function throws', async () => {
    fake.script(() => {
      throw new Error('script bug');
    });
    await expect(ask('x')).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('script bug') as unknown,
    });
  });

  it('uses a replaced default reply until reset', async () => {
    fake.setDefaultReply({ content: 'always this' });
    expect(await ask('one')).toBe('always this');
    expect(await ask('two', true)).toBe('always this');
    fake.reset();
    expect(await ask('three')).toBe('echo: three');
  });

  it('serves a retry after a scripted rate limit, as an agent retry would see it', async () => {
    fake.script([
      { error: { status: 429, message: 'rate limited' }, headers: { 'retry-after-ms': '1' } },
      { content: 'recovered' },
    ]);
    const retrying = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 1 });
    const completion = await retrying.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(completion.choices[0]?.message.content).toBe('recovered');
    expect(fake.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(2);
  });
});
