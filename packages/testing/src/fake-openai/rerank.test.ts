import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rerankScore, startFakeOpenAI } from './index.js';
import type { FakeOpenAI } from './index.js';

let fake: FakeOpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-rerank' });
});
afterAll(() => fake.close());

async function rerank(body: unknown, apiKey = 'sk-rerank'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${fake.url}/rerank`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('rerank', () => {
  it('ranks documents holding every query word above ones repeating a few, best first, cut to top_n', async () => {
    const documents = [
      'apple apple apple apple pie',
      'the weather is fine',
      { text: 'apple and banana and cherry in one bowl' },
    ];
    const answer = await rerank({
      model: 'fake-rerank',
      query: 'apple banana cherry',
      documents,
      top_n: 2,
      return_documents: true,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.model).toBe('fake-rerank');
    expect(answer.body.results.map((result: any) => result.index)).toEqual([2, 0]);
    expect(answer.body.results[0].document).toEqual({ text: 'apple and banana and cherry in one bowl' });
    expect(answer.body.results[0].relevance_score).toBeCloseTo(
      rerankScore('apple banana cherry', 'apple and banana and cherry in one bowl'),
      10,
    );
    for (const result of answer.body.results) {
      expect(result.relevance_score).toBeGreaterThan(0);
      expect(result.relevance_score).toBeLessThanOrEqual(1);
    }
    expect(answer.body.usage.total_tokens).toBeGreaterThan(0);
    expect(fake.requests.at(-1)).toMatchObject({
      path: '/v1/rerank',
      body: { query: 'apple banana cherry' },
    });
  });

  it('scores Chinese by characters', () => {
    expect(rerankScore('退货政策', '我们的退货政策是七天')).toBeGreaterThan(
      rerankScore('退货政策', '发票开具说明'),
    );
  });

  it('refuses bad bodies and bad keys in OpenAI error shape', async () => {
    expect((await rerank({ model: 'm', query: '', documents: ['a'] })).status).toBe(400);
    const noDocuments = await rerank({ model: 'm', query: 'q', documents: [] });
    expect(noDocuments.status).toBe(400);
    expect(noDocuments.body.error.message).toContain('documents');
    expect((await rerank({ model: 'm', query: 'q', documents: ['a'], top_n: 0 })).status).toBe(400);
    const unauthorized = await rerank({ model: 'm', query: 'q', documents: ['a'] }, 'wrong');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body.error.code).toBe('invalid_api_key');
  });
});
