import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrate, openDatabase, type Database } from '@astron/kit/db';
import { embedText, rerankScore, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { startFakeRagflow, type FakeRagflow } from '@astron/testing/fake-ragflow';
import { createRagflowClient, waitForParsing } from '../backends/ragflow/index.js';
import { fixedModels, type KnowledgeModels } from '../models.js';
import { migrations } from '../store/migrations.js';
import type { KnowledgeSchema } from '../store/tables.js';
import { seedBase, seedChunks, seedDocument, type SeedChunk } from './fixtures/seed.js';
import { createRetriever, type Retriever, type RetrieveRequest } from './retrieve.js';
import { ensureVectorIndex } from './vector-index.js';

let db: Database<KnowledgeSchema>;
let openai: FakeOpenAI;
let ragflowServer: FakeRagflow;
let retriever: Retriever;
let models: KnowledgeModels;

const chunk = (id: string, documentId: string, content: string, extra: Partial<SeedChunk> = {}): SeedChunk => ({ id, documentId, content, vector: embedText(content), ...extra });

async function seed(): Promise<void> {
  await seedBase(db, { id: 'kb_docs', spaceId: 's1', name: 'Beverages' });
  await seedDocument(db, { id: 'd_tea', kbId: 'kb_docs', spaceId: 's1', name: 'tea.md' });
  await seedDocument(db, { id: 'd_coffee', kbId: 'kb_docs', spaceId: 's1', name: 'coffee.md' });
  await seedChunks(db, { id: 'kb_docs', spaceId: 's1' }, [
    chunk('tea_green', 'd_tea', 'Green tea is brewed with water at 80 degrees for two minutes.', { position: 0, page: 1, headingPath: ['Tea', 'Brewing'] }),
    chunk('tea_black', 'd_tea', 'Black tea needs boiling water and steeps for four minutes.', { position: 1, page: 1, headingPath: ['Tea', 'Brewing'] }),
    chunk('tea_store', 'd_tea', 'Store tea leaves in an airtight container away from light and smells.', { position: 2, page: 2, headingPath: ['Tea', 'Storage'] }),
    chunk('coffee_espresso', 'd_coffee', 'Espresso is brewed by forcing hot water through finely ground coffee.', { position: 0 }),
    chunk('coffee_press', 'd_coffee', 'A French press steeps coarse coffee grounds for four minutes.', { position: 1 }),
    chunk('coffee_disabled', 'd_coffee', 'How to brew green tea: green tea is brewed with water at 80 degrees.', { position: 2, enabled: false }),
    chunk('coffee_pending', 'd_coffee', 'Cold brew coffee rests overnight in the fridge.', { position: 3, vector: null }),
  ]);

  await seedBase(db, { id: 'kb_zh', spaceId: 's1', name: '售后' });
  await seedDocument(db, { id: 'd_zh', kbId: 'kb_zh', spaceId: 's1', name: '售后说明.md' });
  await seedChunks(db, { id: 'kb_zh', spaceId: 's1' }, [
    chunk('zh_return', 'd_zh', '退货政策：收到商品后七天内可以申请退货，商品需保持完好。', { position: 0 }),
    chunk('zh_invoice', 'd_zh', '发票开具：订单完成后可以在个人中心申请电子发票。', { position: 1 }),
    chunk('zh_delivery', 'd_zh', '配送时间：普通快递三到五天送达，偏远地区更久。', { position: 2 }),
  ]);

  // Same vector size, another embedding model: a second group, its query embedded separately.
  await seedBase(db, { id: 'kb_garden', spaceId: 's1', name: 'Garden', embeddingModel: 'fake/other-embedding' });
  await seedDocument(db, { id: 'd_garden', kbId: 'kb_garden', spaceId: 's1', name: 'garden.md' });
  await seedChunks(db, { id: 'kb_garden', spaceId: 's1' }, [
    chunk('garden_water', 'd_garden', 'Water the tomato plants every morning in summer.', { position: 0 }),
    chunk('garden_tea', 'd_garden', 'Chamomile tea from the garden is brewed with fresh flowers.', { position: 1 }),
  ]);

  await seedBase(db, { id: 'kb_drone', spaceId: 's1', name: 'Drone', retrieval: { mode: 'vector', rerankModel: 'fake/fake-rerank' } });
  await seedDocument(db, { id: 'd_drone', kbId: 'kb_drone', spaceId: 's1', name: 'drone.md' });
  await seedChunks(db, { id: 'kb_drone', spaceId: 's1' }, [
    chunk('drone_short', 'd_drone', 'Drone battery charging.', { position: 0 }),
    chunk('drone_full', 'd_drone', 'Charging time: a drone battery needs ninety minutes to charge fully with the supplied charger.', { position: 1 }),
    chunk('drone_wind', 'd_drone', 'Do not fly the drone in strong wind.', { position: 2 }),
  ]);

  await seedBase(db, { id: 'kb_elsewhere', spaceId: 's2', name: 'Other space' });
  await seedDocument(db, { id: 'd_elsewhere', kbId: 'kb_elsewhere', spaceId: 's2', name: 'secret.md' });
  await seedChunks(db, { id: 'kb_elsewhere', spaceId: 's2' }, [chunk('secret', 'd_elsewhere', 'Green tea secrets of the other space.')]);
  await ensureVectorIndex(db, 256);
}

async function seedRagflow(): Promise<void> {
  const client = createRagflowClient({ baseUrl: ragflowServer.url, apiToken: 'rf-token', timeoutMs: 5_000 });
  const dataset = await client.createDataset('astron_kb_rf');
  const text = ['Oolong tea is partly oxidised and brewed at 90 degrees.', 'Matcha is powdered green tea whisked with water.', 'Rooibos is not a tea plant at all.'].join('\n\n');
  const document = await client.uploadDocument(dataset.id, { name: 'more-tea.txt', bytes: Buffer.from(text), contentType: 'text/plain' });
  await client.startParsing(dataset.id, [document.id]);
  await waitForParsing(client, dataset.id, document.id, { pollMs: 5 });
  await seedBase(db, { id: 'kb_rf', spaceId: 's1', name: 'RAGFlow tea', backend: 'ragflow', embeddingModel: null, dimensions: null, ragflowDatasetId: dataset.id });
  await seedDocument(db, { id: 'd_rf', kbId: 'kb_rf', spaceId: 's1', name: 'more-tea.txt', ragflowDocumentId: document.id });
  retriever = createRetriever({ db, models, ragflow: client });
}

beforeAll(async () => {
  db = await openDatabase<KnowledgeSchema>({ kind: 'pglite', dataDir: null, namespace: 'knowledge', pool: { maxOpen: 4, maxIdle: 1 } });
  await migrate(db, migrations);
  openai = await startFakeOpenAI();
  ragflowServer = await startFakeRagflow({ token: 'rf-token', parseTicks: 2, tickMs: 5 });
  models = fixedModels(openai.url, null);
  await seed();
  await seedRagflow();
}, 60_000);

afterAll(async () => {
  await db?.close();
  await openai?.close();
  await ragflowServer?.close();
});

const ask = (request: Partial<RetrieveRequest> & { query: string }) => retriever.retrieve({ spaceId: 's1', kbIds: ['kb_docs'], ...request });
const ids = (results: { chunkId: string }[]) => results.map((result) => result.chunkId);

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error('expected a failure');
}

describe('retrieve', () => {
  test('hybrid: the passage that answers comes first, with its document, position, page, headings and a 0..1 score', async () => {
    const results = await ask({ query: 'how to brew green tea', explain: true });
    expect(results[0]).toMatchObject({ chunkId: 'tea_green', kbId: 'kb_docs', documentId: 'd_tea', documentName: 'tea.md', position: 0, page: 1, headingPath: ['Tea', 'Brewing'], content: 'Green tea is brewed with water at 80 degrees for two minutes.' });
    expect(results).toHaveLength(5);
    for (const result of results) {
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    const explain = results[0]?.explain;
    expect(explain).toMatchObject({ vectorRank: 1, textRank: 1, rerankScore: null });
    expect(explain?.fusedScore).toBeCloseTo(2 / 61, 10);
    // Of the question's words brew, green, tea (how and to say nothing) it holds green and tea ("brewed" is another).
    expect(explain?.textScore).toBeCloseTo(2 / 3, 10);
    expect(results[0]?.score).toBeCloseTo(explain?.vectorScore ?? NaN, 10);
    expect((await ask({ query: 'how to brew green tea' }))[0]).not.toHaveProperty('explain');
  });

  test('top K and the score threshold', async () => {
    expect(await ask({ query: 'tea', topK: 2 })).toHaveLength(2);
    const all = await ask({ query: 'coffee brewed with water', topK: 10 });
    const threshold = ((all[1]?.score ?? 0) + (all[2]?.score ?? 0)) / 2;
    const kept = await ask({ query: 'coffee brewed with water', topK: 10, scoreThreshold: threshold });
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(all.length);
    expect(kept.every((result) => result.score >= threshold)).toBe(true);
    expect(await ask({ query: 'coffee brewed with water', scoreThreshold: 1 })).toEqual([]);
  });

  test('modes: vector ranks by cosine, fulltext by the share of words; each scores by its own measure', async () => {
    const vector = await ask({ query: 'espresso coffee', mode: 'vector', topK: 10, explain: true });
    expect(vector[0]?.chunkId).toBe('coffee_espresso');
    // Unrelated passages can have a negative cosine; the score stays in 0..1.
    expect(vector.every((result) => result.explain?.textRank === null && result.score === Math.max(0, result.explain?.vectorScore ?? NaN))).toBe(true);
    const scores = vector.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    // Full text finds only passages sharing a word, the chunk not yet embedded too.
    const text = await ask({ query: 'cold brew overnight', mode: 'fulltext', explain: true });
    expect(ids(text)).toEqual(['coffee_pending']);
    expect(text[0]?.score).toBeCloseTo(1, 10);
    expect(text[0]?.explain).toMatchObject({ vectorScore: null, vectorRank: null, textRank: 1 });
    // The not yet embedded chunk has no vector: vector mode cannot find it.
    expect(ids(await ask({ query: 'cold brew overnight', mode: 'vector', topK: 10 }))).not.toContain('coffee_pending');
  });

  test('filters by document; a document outside the bases is a 404 naming it', async () => {
    const results = await ask({ query: 'brewed for four minutes', filters: { documentIds: ['d_coffee'] }, topK: 10 });
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.documentId === 'd_coffee')).toBe(true);
    const error = await failure(ask({ query: 'tea', filters: { documentIds: ['d_zh', 'd_nowhere'] } }));
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
    expect(error.message).toContain('d_zh, d_nowhere');
  });

  test('disabled chunks are never returned', async () => {
    for (const mode of ['hybrid', 'vector', 'fulltext'] as const) {
      expect(ids(await ask({ query: 'How to brew green tea: green tea is brewed with water at 80 degrees.', mode, topK: 50 }))).not.toContain('coffee_disabled');
    }
  });

  test('a Chinese question finds the Chinese passage', async () => {
    const results = await ask({ kbIds: ['kb_zh'], query: '怎么申请退货？', explain: true });
    expect(results[0]?.chunkId).toBe('zh_return');
    expect(results[0]?.explain?.textRank).toBe(1);
    expect((await ask({ kbIds: ['kb_zh'], query: '电子发票', mode: 'fulltext' }))[0]?.chunkId).toBe('zh_invoice');
  });

  test('several bases: one query embedding per embedding model, results of each base, merged by rank', async () => {
    const before = openai.requests.filter((request) => request.path === '/v1/embeddings').length;
    const results = await ask({ kbIds: ['kb_docs', 'kb_zh', 'kb_garden'], query: 'tea brewed with water', topK: 10 });
    const embeddings = openai.requests.filter((request) => request.path === '/v1/embeddings').slice(before);
    expect(embeddings.map((request) => (request.body as { model: string }).model).sort()).toEqual(['fake-embedding', 'other-embedding']);
    // kb_docs and kb_zh share a model, so they are searched as one group; kb_garden is the other group's list.
    expect(results[0]?.chunkId).toBe('tea_green');
    expect(results[1]?.chunkId).toBe('garden_tea');
    expect(results.some((result) => result.kbId === 'kb_zh')).toBe(true);
  });

  test('rerank reorders by the rerank model, whose score becomes the score', async () => {
    const question = 'drone battery charging time';
    const plain = await ask({ kbIds: ['kb_drone'], query: question, rerank: false });
    expect(plain[0]?.chunkId).toBe('drone_short');
    const before = openai.requests.length;
    // The base's settings: vector mode, with a rerank model, so rerank is on by default.
    const reranked = await ask({ kbIds: ['kb_drone'], query: question, explain: true });
    expect(reranked[0]?.chunkId).toBe('drone_full');
    const call = openai.requests.slice(before).find((request) => request.path === '/v1/rerank');
    expect(call?.body).toMatchObject({ model: 'fake-rerank', query: question, top_n: 3 });
    for (const result of reranked) {
      expect(result.score).toBeCloseTo(rerankScore(question, result.content), 10);
      expect(result.explain?.rerankScore).toBe(result.score);
    }
    const scores = reranked.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    const error = await failure(ask({ kbIds: ['kb_docs'], query: 'tea', rerank: true }));
    expect(error).toMatchObject({ status: 400, code: 'rerank_model_missing' });
  });

  test('a rerank endpoint that fails is a 502 naming the model', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const broken = (baseUrl: string): Retriever => createRetriever({ db, ragflow: null, models: { ...models, rerankEndpoint: async () => ({ baseUrl, apiKey: null, headers: {}, model: 'bge-reranker-v2' }) } });
    const request: RetrieveRequest = { spaceId: 's1', kbIds: ['kb_drone'], query: 'drone battery' };
    const unreachable = await failure(broken(`http://127.0.0.1:${port}/v1`).retrieve(request));
    expect(unreachable).toMatchObject({ status: 502, code: 'rerank_failed' });
    expect(unreachable.message).toContain('bge-reranker-v2');
    // The fake's root has no /rerank: a 404 from the model's server.
    const missing = await failure(broken(openai.url.replace(/\/v1$/, '')).retrieve(request));
    expect(missing).toMatchObject({ status: 502, code: 'rerank_failed' });
    expect(missing.message).toMatch(/bge-reranker-v2 answered 404/);
  });

  test("another space's base, or an unknown one, is a 404 naming it", async () => {
    const error = await failure(ask({ kbIds: ['kb_docs', 'kb_elsewhere'], query: 'green tea' }));
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
    expect(error.message).toBe('knowledge base kb_elsewhere not found');
    expect((await failure(retriever.retrieve({ spaceId: 's2', kbIds: ['kb_docs'], query: 'tea' }))).message).toContain('kb_docs');
  });

  test('RAGFlow bases: passages from RAGFlow with our ids, the mode as its vector weight, fused by rank with built-in ones', async () => {
    const results = await ask({ kbIds: ['kb_rf'], query: 'matcha green tea powder', explain: true });
    expect(results[0]).toMatchObject({ kbId: 'kb_rf', documentId: 'd_rf', documentName: 'more-tea.txt', content: 'Matcha is powdered green tea whisked with water.', position: null });
    expect(results[0]?.score).toBe(results[0]?.explain?.fusedScore);
    const retrieval = () => ragflowServer.state.requests.filter((request) => request.path === '/api/v1/retrieval').at(-1)?.body;
    expect(retrieval()).toMatchObject({ question: 'matcha green tea powder', similarity_threshold: 0, vector_similarity_weight: 0.2, page_size: 40 });
    await ask({ kbIds: ['kb_rf'], query: 'matcha', mode: 'vector', filters: { documentIds: ['d_rf'] } });
    expect(retrieval()).toMatchObject({ vector_similarity_weight: 1, document_ids: [expect.any(String)] });
    const mixed = await ask({ kbIds: ['kb_docs', 'kb_rf'], query: 'green tea brewed with water' });
    expect(new Set(mixed.slice(0, 2).map((result) => result.kbId))).toEqual(new Set(['kb_docs', 'kb_rf']));
    const unconfigured = createRetriever({ db, models, ragflow: null });
    expect(await failure(unconfigured.retrieve({ spaceId: 's1', kbIds: ['kb_rf'], query: 'tea' }))).toMatchObject({ status: 503, code: 'ragflow_not_configured' });
  });
});
