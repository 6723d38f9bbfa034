import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedText, startFakeOpenAI } from './index.js';
import type { FakeOpenAI } from './index.js';

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
});
afterAll(() => fake.close());

function cosine(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index += 1) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}

function norm(vector: ArrayLike<number>): number {
  return Math.sqrt(cosine(vector, vector));
}

describe('embeddings', () => {
  it('returns one unit vector of 256 dimensions per input, decoded from base64 by the SDK', async () => {
    const response = await client.embeddings.create({
      model: 'fake-embedding',
      input: ['cats purr', 'dogs bark'],
    });
    expect(fake.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    for (const item of response.data) {
      expect(item.embedding).toHaveLength(256);
      expect(norm(item.embedding)).toBeCloseTo(1, 5);
    }
    expect(response.usage).toEqual({ prompt_tokens: 4, total_tokens: 4 });
    expect(Array.from(response.data[0]?.embedding ?? [])[3]).toBeCloseTo(embedText('cats purr')[3] ?? NaN, 6);
  });

  it('honours dimensions and float encoding', async () => {
    const response = await client.embeddings.create({
      model: 'fake-embedding',
      input: 'hello world',
      dimensions: 64,
      encoding_format: 'float',
    });
    const vector = response.data[0]?.embedding ?? [];
    expect(vector).toHaveLength(64);
    expect(vector).toEqual(embedText('hello world', 64));
    expect(norm(vector)).toBeCloseTo(1, 10);
  });

  it('puts texts that share words closer than unrelated texts', async () => {
    const texts = [
      'How do I reset my account password?',
      'Steps to reset a forgotten password for your account',
      'The recipe needs two cups of flour and one egg',
    ];
    const response = await client.embeddings.create({ model: 'fake-embedding', input: texts });
    const [question, answer, recipe] = response.data.map((item) => item.embedding);
    expect(cosine(question ?? [], answer ?? [])).toBeGreaterThan(cosine(question ?? [], recipe ?? []) + 0.2);
    expect(cosine(embedText('知识库检索'), embedText('知识库的检索方法'))).toBeGreaterThan(
      cosine(embedText('知识库检索'), embedText('今天天气很好')),
    );
  });

  it('is deterministic, gives empty text a unit vector and rejects bad input', async () => {
    expect(embedText('same text')).toEqual(embedText('same text'));
    expect(norm(embedText(''))).toBe(1);
    await expect(client.embeddings.create({ model: 'e', input: [] })).rejects.toMatchObject({ status: 400 });
    await expect(client.embeddings.create({ model: 'e', input: 'x', dimensions: 0 })).rejects.toMatchObject({
      status: 400,
    });
  });
});
