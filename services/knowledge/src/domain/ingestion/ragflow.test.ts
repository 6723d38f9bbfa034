import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { startFakeRagflow, type FakeRagflow } from '@astron/testing/fake-ragflow';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models.js';
import { fileForm, openTestGround, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../../test-harness.js';

const token = 'ragflow-test-token';
let ground: TestGround;
let fake: FakeOpenAI;
let ragflow: FakeRagflow;
let knowledge: KnowledgeUnderTest;

const finished = (document: any) => document.status === 'ready' || document.status === 'failed';
const handbook = ['Vacation: twenty days a year.', 'Badges: ask at the front desk.', 'Expenses: due on the fifth.'].join('\n\n');

beforeAll(async () => {
  ground = await openTestGround();
  fake = await startFakeOpenAI();
  // Steps slower than our first poll (500 ms), so parsing shows its progress.
  ragflow = await startFakeRagflow({ token, parseTicks: 4, tickMs: 400, failingFiles: ['broken.txt'] });
  knowledge = await startTestKnowledge(ground, fixedModels(fake.url, null), { env: { RAGFLOW_BASE_URL: ragflow.url, RAGFLOW_API_TOKEN: token } });
}, 120_000);

afterAll(async () => {
  await knowledge?.service.stop();
  await ragflow?.close();
  await fake?.close();
  await ground?.close();
});

async function ragflowBase(name: string): Promise<{ id: string; datasetId: string }> {
  const created = await knowledge.call('POST', '/knowledge/bases', { body: { name, backend: 'ragflow' } });
  expect(created.status, created.text).toBe(201);
  expect(created.body).toMatchObject({ backend: 'ragflow', embeddingModel: null });
  const dataset = [...ragflow.state.datasets.values()].find((item) => item.name === `astron_${created.body.id}`);
  expect(dataset).toBeDefined();
  return { id: created.body.id as string, datasetId: dataset?.id ?? '' };
}

describe('a knowledge base kept in RAGFlow', () => {
  test('an upload goes to its dataset; parsing progress streams until ready, with RAGFlow\'s chunk count', async () => {
    const base = await ragflowBase('In RAGFlow');
    const added = await knowledge.call('POST', `/knowledge/bases/${base.id}/documents`, { body: fileForm('handbook.txt', handbook) });
    expect(added.status, added.text).toBe(202);
    const events = await knowledge.events(base.id, (seen) => seen.some((event) => event.data.status === 'ready'));
    const progress = events.filter((event) => event.data.status === 'parsing').map((event) => event.data.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.some((value) => value > 0 && value < 1)).toBe(true);
    expect(events.at(-1)?.data).toMatchObject({ status: 'ready', progress: 1, chunkCount: 3, embeddedCount: 3 });

    const [copy] = [...(ragflow.state.datasets.get(base.datasetId)?.documents.values() ?? [])];
    expect(copy).toMatchObject({ name: 'handbook.txt', run: 'DONE' });
    expect(copy?.bytes.toString()).toBe(handbook);
    expect((await knowledge.call('GET', `/knowledge/bases/${base.id}`)).body).toMatchObject({ documentCount: 1, chunkCount: 3 });

    const chunks = await knowledge.call('GET', `/knowledge/bases/${base.id}/documents/${added.body.id}/chunks`);
    expect(chunks.body.total).toBe(3);
    expect(chunks.body.items.map((chunk: any) => chunk.content)).toEqual(handbook.split('\n\n'));
    expect((await knowledge.call('GET', `/knowledge/bases/${base.id}/documents/${added.body.id}/chunks?offset=1&limit=1`)).body.items.map((chunk: any) => chunk.content)).toEqual(['Badges: ask at the front desk.']);
    const edit = await knowledge.call('PATCH', `/knowledge/bases/${base.id}/documents/${added.body.id}/chunks/${chunks.body.items[0].id}`, { body: { enabled: false } });
    expect(edit).toMatchObject({ status: 409, body: { code: 'ragflow_chunks_read_only' } });

    expect((await knowledge.call('DELETE', `/knowledge/bases/${base.id}/documents/${added.body.id}`)).status).toBe(204);
    expect(ragflow.state.datasets.get(base.datasetId)?.documents.size).toBe(0);
  });

  test('pasted text is sent with an extension RAGFlow can parse; a parsing failure fails the document', async () => {
    const base = await ragflowBase('Named');
    const pasted = await knowledge.call('POST', `/knowledge/bases/${base.id}/documents`, { body: { name: 'memo', text: 'A short memo.' } });
    expect((await knowledge.waitFor(base.id, pasted.body.id, finished)).status).toBe('ready');
    expect([...(ragflow.state.datasets.get(base.datasetId)?.documents.values() ?? [])].map((document) => document.name)).toEqual(['memo.txt']);

    const broken = await knowledge.call('POST', `/knowledge/bases/${base.id}/documents`, { body: fileForm('broken.txt', 'This one fails.') });
    const failed = await knowledge.waitFor(base.id, broken.body.id, finished);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'ragflow_parsing_failed' } });
    expect(failed.error.message).toContain('RAGFlow failed to parse');

    // Reingest has RAGFlow parse its copy again; this time it succeeds.
    ragflow.state.failingFiles.delete('broken.txt');
    expect((await knowledge.call('POST', `/knowledge/bases/${base.id}/documents/${broken.body.id}/reingest`)).status).toBe(202);
    expect((await knowledge.waitFor(base.id, broken.body.id, finished)).status).toBe('ready');
  });

  test('deleting the base deletes its RAGFlow dataset', async () => {
    const base = await ragflowBase('Short-lived');
    const added = await knowledge.call('POST', `/knowledge/bases/${base.id}/documents`, { body: fileForm('a.txt', handbook) });
    await knowledge.waitFor(base.id, added.body.id, finished);
    expect((await knowledge.call('DELETE', `/knowledge/bases/${base.id}`)).status).toBe(204);
    expect(ragflow.state.datasets.has(base.datasetId)).toBe(false);
    expect((await knowledge.call('GET', `/knowledge/bases/${base.id}`)).status).toBe(404);
  });
});
