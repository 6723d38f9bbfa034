import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signServiceToken } from '@astron/kit/crypto';
import { migrate, openDatabase, type Database } from '@astron/kit/db';
import { createHttpApp, type HttpApp } from '@astron/kit/http';
import { createLogger } from '@astron/kit/log';
import { embedText, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { fixedModels } from '../models.js';
import { seedBase, seedChunks, seedDocument } from '../retrieval/fixtures/seed.js';
import { createRetriever } from '../retrieval/retrieve.js';
import { migrations } from '../store/migrations.js';
import type { KnowledgeSchema } from '../store/tables.js';
import { retrievalRoutes } from './retrieve.js';

const serviceToken = randomBytes(24).toString('hex');
let db: Database<KnowledgeSchema>;
let openai: FakeOpenAI;
let http: HttpApp;
let url: string;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  db = await openDatabase<KnowledgeSchema>({ kind: 'pglite', dataDir: null, namespace: 'knowledge', pool: { maxOpen: 4, maxIdle: 1 } });
  await migrate(db, migrations);
  openai = await startFakeOpenAI();
  const passages = ['Green tea is brewed at 80 degrees for two minutes.', 'Black tea steeps in boiling water for four minutes.', 'Espresso forces hot water through ground coffee.'];
  await seedBase(db, { id: 'kb_tea', spaceId: 's1' });
  await seedDocument(db, { id: 'd_tea', kbId: 'kb_tea', spaceId: 's1', name: 'tea.md' });
  await seedDocument(db, { id: 'd_coffee', kbId: 'kb_tea', spaceId: 's1', name: 'coffee.md' });
  await seedChunks(db, { id: 'kb_tea', spaceId: 's1' }, passages.map((content, index) => ({ id: `c${index}`, documentId: index === 2 ? 'd_coffee' : 'd_tea', content, vector: embedText(content), page: index + 1 })));
  await seedBase(db, { id: 'kb_rerank', spaceId: 's1', retrieval: { rerankModel: 'local/bge-reranker' } });
  await seedDocument(db, { id: 'd_rerank', kbId: 'kb_rerank', spaceId: 's1', name: 'r.md' });
  await seedChunks(db, { id: 'kb_rerank', spaceId: 's1' }, [{ id: 'r0', documentId: 'd_rerank', content: 'Rerank me.', vector: embedText('Rerank me.') }]);
  await seedBase(db, { id: 'kb_s2', spaceId: 's2' });
  // Rerank models point at a port nobody listens on.
  const deadRerank = `http://127.0.0.1:${await closedPort()}/v1`;
  const models = { ...fixedModels(openai.url, null), rerankEndpoint: async () => ({ baseUrl: deadRerank, apiKey: null, headers: {}, model: 'bge-reranker' }) };
  http = await createHttpApp({ name: 'knowledge', version: 'test', logger: createLogger({ service: 'knowledge', level: 'silent' }) });
  retrievalRoutes(http.app, { serviceToken, retriever: createRetriever({ db, models, ragflow: null }) });
  url = await http.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);

afterAll(async () => {
  await http?.stop();
  await db?.close();
  await openai?.close();
});

async function post(path: string, body: unknown, claims: { space?: string } | null = { space: 's1' }): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (claims !== null) headers.authorization = `Service ${signServiceToken(serviceToken, { caller: 'hub', user: 'u1', ...claims })}`;
  const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('POST /knowledge/retrieve', () => {
  test('answers passages of the caller space, best first, with explanations on request', async () => {
    const answer = await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: 'green tea', topK: 2, explain: true });
    expect(answer.status).toBe(200);
    expect(answer.body.results).toHaveLength(2);
    expect(answer.body.results[0]).toMatchObject({ chunkId: 'c0', kbId: 'kb_tea', documentId: 'd_tea', documentName: 'tea.md', content: 'Green tea is brewed at 80 degrees for two minutes.', position: 0, page: 1, headingPath: [] });
    expect(Object.keys(answer.body.results[0].explain).sort()).toEqual(['fusedScore', 'rerankScore', 'textRank', 'textScore', 'vectorRank', 'vectorScore']);
    const filtered = await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: 'water', filters: { documentIds: ['d_coffee'] } });
    expect(filtered.body.results.map((result: any) => result.chunkId)).toEqual(['c2']);
  });

  test('needs a service token naming a space; the space comes from it, not the body', async () => {
    expect((await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: 'tea' }, null)).status).toBe(401);
    expect((await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: 'tea' }, {})).status).toBe(403);
    const elsewhere = await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: 'tea', spaceId: 's1' }, { space: 's2' });
    expect(elsewhere).toMatchObject({ status: 404, body: { code: 'not_found', message: 'knowledge base kb_tea not found' } });
  });

  test('refuses bad bodies naming the field; a failing rerank model is a 502', async () => {
    const empty = await post('/knowledge/retrieve', { kbIds: [], query: 'tea' });
    expect(empty).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(empty.body.message).toContain('kbIds');
    expect((await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: 'tea', topK: 51 })).status).toBe(400);
    expect((await post('/knowledge/retrieve', { kbIds: ['kb_tea'], query: '   ' })).status).toBe(400);
    const rerank = await post('/knowledge/retrieve', { kbIds: ['kb_rerank'], query: 'rerank' });
    expect(rerank).toMatchObject({ status: 502, body: { code: 'rerank_failed' } });
    expect(rerank.body.message).toContain('bge-reranker');
  });
});

describe("POST /knowledge/v1/chunk/query (the original's)", () => {
  test('takes its body (topN as its agent sends it, a string) and answers its envelope', async () => {
    const answer = await post('/knowledge/v1/chunk/query', { query: 'green tea', topN: '2', match: { repoId: ['kb_tea'], threshold: 0.1 }, ragType: 'AIUI-RAG2' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ code: 0, message: 'success', sid: expect.any(String), data: { query: 'green tea', count: 2 } });
    expect(answer.body.data.results).toHaveLength(2);
    const [first] = answer.body.data.results;
    expect(first).toEqual({
      score: expect.any(Number),
      docId: 'd_tea',
      title: 'tea.md',
      content: 'Green tea is brewed at 80 degrees for two minutes.',
      context: 'Green tea is brewed at 80 degrees for two minutes.',
      chunkId: 'c0',
      references: {},
      docInfo: { documentId: 'd_tea', documentName: 'tea.md', repoId: 'kb_tea', position: 0, page: 1 },
      fileName: 'tea.md',
    });
    expect(answer.body.data.results.every((result: any) => result.score >= 0.1)).toBe(true);
    const byDocument = await post('/knowledge/v1/chunk/query', { query: 'water', topN: 5, match: { repoId: ['kb_tea'], docIds: ['d_coffee'] }, ragType: 'CBG-RAG' });
    expect(byDocument.body.data.results.map((result: any) => result.chunkId)).toEqual(['c2']);
  });

  test('errors as the original codes them, with HTTP 200', async () => {
    const invalid = await post('/knowledge/v1/chunk/query', { query: 'tea', topN: 6, match: { repoId: [] } });
    expect(invalid.status).toBe(200);
    expect(invalid.body.code).toBe(10003);
    expect(invalid.body.message).toMatch(/^Request parameter error: .*topN.*match\.repoId.*ragType/);
    const unknown = await post('/knowledge/v1/chunk/query', { query: 'tea', topN: 1, match: { repoId: ['kb_s2'] }, ragType: 'Ragflow-RAG' });
    expect(unknown).toMatchObject({ status: 200, body: { code: 10001, message: 'knowledge base kb_s2 not found' } });
    const rerank = await post('/knowledge/v1/chunk/query', { query: 'rerank', topN: 1, match: { repoId: ['kb_rerank'] }, ragType: 'AIUI-RAG2' });
    expect(rerank.body.code).toBe(11111);
    expect(rerank.body.message).toContain('bge-reranker');
    expect((await post('/knowledge/v1/chunk/query', { query: 'tea', topN: 1, match: { repoId: ['kb_tea'] }, ragType: 'AIUI-RAG2' }, null)).status).toBe(401);
  });
});
