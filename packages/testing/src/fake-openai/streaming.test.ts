import { request as httpRequest } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI } from './index.js';
import type { FakeOpenAI } from './index.js';

const twentyWords = Array.from({ length: 20 }, (_, index) => `word${index}`).join(' ');

describe('pacing', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ tokensPerSecond: 200, latencyMs: 50 });
    client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('waits latencyMs before the first byte and streams 20 tokens at 200 per second', async () => {
    fake.script({ content: twentyWords });
    const started = performance.now();
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'go' }],
      stream: true,
    });
    let firstChunkAt = 0;
    let content = '';
    for await (const chunk of stream) {
      firstChunkAt ||= performance.now() - started;
      content += chunk.choices[0]?.delta.content ?? '';
    }
    const elapsed = performance.now() - started;
    expect(content).toBe(twentyWords);
    expect(firstChunkAt).toBeGreaterThanOrEqual(45);
    // 50 ms latency + 20 tokens x 5 ms; loose bounds, the machine is shared.
    expect(elapsed).toBeGreaterThanOrEqual(130);
    expect(elapsed).toBeLessThan(5000);
  });

  it('takes the generation time without streaming too', async () => {
    fake.script({ content: twentyWords });
    const started = performance.now();
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'go' }] });
    expect(performance.now() - started).toBeGreaterThanOrEqual(130);
  });
});

describe('disconnects', () => {
  let fake: FakeOpenAI;
  let client: OpenAI;
  const longReply = Array.from({ length: 400 }, (_, index) => `token${index}`).join(' ');
  beforeAll(async () => {
    fake = await startFakeOpenAI({ tokensPerSecond: 100 });
    client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
  });
  afterAll(() => fake.close());

  it('survives a client that aborts mid-stream and keeps serving', async () => {
    fake.setDefaultReply({ content: longReply });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'long' }],
      stream: true,
    });
    let received = 0;
    for await (const _chunk of stream) {
      received += 1;
      if (received === 3) {
        stream.controller.abort();
        break;
      }
    }
    expect(received).toBe(3);
    await expect.poll(() => fake.activeRequests(), { timeout: 3000 }).toBe(0);
    fake.setDefaultReply(undefined);
    const next = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'next' }],
    });
    expect(next.choices[0]?.message.content).toBe('echo: next');
  });

  it('survives a socket destroyed mid-stream', async () => {
    fake.script({ content: longReply });
    await new Promise<void>((resolve, reject) => {
      const outgoing = httpRequest(`${fake.url}/chat/completions`, { method: 'POST' }, (incoming) => {
        incoming.once('data', () => {
          outgoing.destroy();
          resolve();
        });
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' ? undefined : reject(error),
      );
      outgoing.end(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true }));
    });
    await expect.poll(() => fake.activeRequests(), { timeout: 3000 }).toBe(0);
    expect((await client.models.list()).data.length).toBe(2);
  });

  it('closes promptly while a stream is still running', async () => {
    const slow = await startFakeOpenAI({ tokensPerSecond: 10 });
    slow.setDefaultReply({ content: longReply });
    const slowClient = new OpenAI({ baseURL: slow.url, apiKey: 'unused', maxRetries: 0 });
    const stream = await slowClient.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    const reading = (async () => {
      for await (const _chunk of stream) {
        // drain until the server goes away
      }
    })().catch((error: unknown) => error);
    const started = performance.now();
    await slow.close();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await reading).toBeInstanceOf(Error);
  });
});
