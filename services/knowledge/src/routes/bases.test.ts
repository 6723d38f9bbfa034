import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../models.js';
import { openTestGround, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../test-harness.js';

let ground: TestGround;
let fake: FakeOpenAI;
let knowledge: KnowledgeUnderTest;

beforeAll(async () => {
  ground = await openTestGround();
  fake = await startFakeOpenAI();
  knowledge = await startTestKnowledge(ground, fixedModels(fake.url, null));
}, 120_000);

afterAll(async () => {
  await knowledge?.service.stop();
  await fake?.close();
  await ground?.close();
});

describe('knowledge bases', () => {
  test('created with defaults, read, listed, changed and deleted within the caller\'s space', async () => {
    const created = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Handbook', embeddingModel: 'prov_1/text-embedding-3-small' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Handbook',
      description: '',
      backend: 'builtin',
      embeddingModel: 'prov_1/text-embedding-3-small',
      dimensions: null,
      chunking: { mode: 'recursive', maxTokens: 512, overlapTokens: 64 },
      retrieval: { mode: 'hybrid', topK: 5, scoreThreshold: 0, rerankModel: null },
      documentCount: 0,
      chunkCount: 0,
    });
    const id = created.body.id as string;
    expect((await knowledge.call('GET', `/knowledge/bases/${id}`)).body.name).toBe('Handbook');
    expect((await knowledge.call('GET', '/knowledge/bases')).body.items.map((base: any) => base.id)).toContain(id);

    const patched = await knowledge.call('PATCH', `/knowledge/bases/${id}`, { body: { description: 'HR', chunking: { maxTokens: 256 }, retrieval: { topK: 8, rerankModel: 'prov_1/rerank' } } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ description: 'HR', chunking: { mode: 'recursive', maxTokens: 256, overlapTokens: 64 }, retrieval: { topK: 8, rerankModel: 'prov_1/rerank', mode: 'hybrid' } });
    // The whole setting is checked again after the merge: the overlap must stay below the new budget.
    const bad = await knowledge.call('PATCH', `/knowledge/bases/${id}`, { body: { chunking: { maxTokens: 64 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('chunking.overlapTokens');
    // No chunks yet: the embedding model may still change.
    expect((await knowledge.call('PATCH', `/knowledge/bases/${id}`, { body: { embeddingModel: 'prov_2/bge-m3' } })).body.embeddingModel).toBe('prov_2/bge-m3');

    expect((await knowledge.call('DELETE', `/knowledge/bases/${id}`)).status).toBe(204);
    expect((await knowledge.call('GET', `/knowledge/bases/${id}`)).status).toBe(404);
    expect((await knowledge.call('DELETE', `/knowledge/bases/${id}`)).status).toBe(404);
  });

  test('another space\'s base is 404 everywhere; names are unique per space', async () => {
    const mine = (await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Shared name', embeddingModel: 'p/m' } })).body;
    const duplicate = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Shared name', embeddingModel: 'p/m' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('knowledge_base_exists');
    const theirs = await knowledge.call('POST', '/knowledge/bases', { space: 'space_b', body: { name: 'Shared name', embeddingModel: 'p/m' } });
    expect(theirs.status).toBe(201);

    const other = { space: 'space_b' };
    expect((await knowledge.call('GET', `/knowledge/bases/${mine.id}`, other)).status).toBe(404);
    expect((await knowledge.call('PATCH', `/knowledge/bases/${mine.id}`, { ...other, body: { name: 'x' } })).status).toBe(404);
    expect((await knowledge.call('DELETE', `/knowledge/bases/${mine.id}`, other)).status).toBe(404);
    expect((await knowledge.call('GET', `/knowledge/bases/${mine.id}/documents`, other)).status).toBe(404);
    expect((await knowledge.call('POST', `/knowledge/bases/${mine.id}/documents`, { ...other, body: { name: 'a.txt', text: 'hello' } })).status).toBe(404);
    expect((await knowledge.call('GET', `/knowledge/bases/${mine.id}/events`, other)).status).toBe(404);
    expect((await knowledge.call('GET', '/knowledge/bases', other)).body.items.map((base: any) => base.id)).toEqual([theirs.body.id]);
    expect((await knowledge.call('GET', `/knowledge/bases/${mine.id}`)).status).toBe(200);

    const renamed = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Another', embeddingModel: 'p/m' } });
    expect((await knowledge.call('PATCH', `/knowledge/bases/${renamed.body.id}`, { body: { name: 'Shared name' } })).body.code).toBe('knowledge_base_exists');
  });

  test('bad requests name the field; built-in bases need an embedding model; RAGFlow needs a server', async () => {
    const missingModel = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'No model' } });
    expect(missingModel.status).toBe(400);
    expect(missingModel.body.code).toBe('embedding_model_required');
    const badChunking = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Bad', embeddingModel: 'p/m', chunking: { maxTokens: 10, overlapTokens: 0 } } });
    expect(badChunking.status).toBe(400);
    expect(badChunking.body.message).toContain('body.chunking.maxTokens');
    const separatorless = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Sep', embeddingModel: 'p/m', chunking: { mode: 'separator' } } });
    expect(separatorless.body.message).toContain('separator');
    expect((await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Ref', embeddingModel: 'no-slash' } })).body.message).toContain('body.embeddingModel');
    const ragflow = await knowledge.call('POST', '/knowledge/bases', { body: { name: 'RF', backend: 'ragflow' } });
    expect(ragflow.status).toBe(409);
    expect(ragflow.body.code).toBe('ragflow_not_configured');
  });

  test('only our services, acting in a space, are answered', async () => {
    expect((await fetch(`${knowledge.url}/knowledge/bases`)).status).toBe(401);
    expect((await knowledge.call('GET', '/knowledge/bases', { space: null })).status).toBe(403);
    expect((await fetch(`${knowledge.url}/health`)).status).toBe(200);
    expect((await fetch(`${knowledge.url}/ready`)).status).toBe(200);
    const openapi = (await (await fetch(`${knowledge.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/knowledge/bases', '/knowledge/bases/{kbId}/documents', '/knowledge/bases/{kbId}/events', '/knowledge/retrieve']));
  });
});
