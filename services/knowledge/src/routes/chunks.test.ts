import { startFakeOpenAI, embedText, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../models.js';
import { searchText } from '../retrieval/search-text.js';
import { openTestGround, paragraphs, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../test-harness.js';

let ground: TestGround;
let fake: FakeOpenAI;
let knowledge: KnowledgeUnderTest;
let kbId: string;
let documentId: string;

const finished = (document: any) => document.status === 'ready' || document.status === 'failed';
const chunksPath = () => `/knowledge/bases/${kbId}/documents/${documentId}/chunks`;

/** The stored vector of a chunk, as numbers. */
async function vectorOf(chunkId: string): Promise<number[]> {
  const row = await knowledge.service.runtime.database.kysely.selectFrom('chunks').select('embedding').where('id', '=', chunkId).executeTakeFirstOrThrow();
  return JSON.parse(row.embedding ?? 'null') as number[];
}

const close = (actual: number[], expected: number[]) => actual.length === expected.length && actual.every((value, index) => Math.abs(value - (expected[index] ?? 0)) < 1e-5);

beforeAll(async () => {
  ground = await openTestGround();
  fake = await startFakeOpenAI();
  knowledge = await startTestKnowledge(ground, fixedModels(fake.url, null));
  kbId = (await knowledge.call('POST', '/knowledge/bases', { body: { name: 'Chunks', embeddingModel: 'prov/fake-embedding', chunking: { maxTokens: 64, overlapTokens: 0 } } })).body.id;
  documentId = (await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'mountains.txt', text: paragraphs(5, 'mountain') } })).body.id;
  await knowledge.waitFor(kbId, documentId, finished);
}, 120_000);

afterAll(async () => {
  await knowledge?.service.stop();
  await fake?.close();
  await ground?.close();
});

describe('chunks', () => {
  test('are browsed in order, paged, and filtered by content', async () => {
    const all = await knowledge.call('GET', chunksPath());
    expect(all.body).toMatchObject({ total: 5, offset: 0, limit: 50 });
    expect(all.body.items.map((chunk: any) => chunk.position)).toEqual([0, 1, 2, 3, 4]);
    expect(all.body.items[0]).toMatchObject({ documentId, kbId, enabled: true, edited: false, embedded: true, headingPath: [], page: null, tokens: expect.any(Number) });
    const page = await knowledge.call('GET', `${chunksPath()}?offset=2&limit=2`);
    expect(page.body.items.map((chunk: any) => chunk.position)).toEqual([2, 3]);
    const found = await knowledge.call('GET', `${chunksPath()}?q=${encodeURIComponent('mountain number 3')}`);
    expect(found.body).toMatchObject({ total: 1, items: [{ position: 3 }] });
    expect((await knowledge.call('GET', `${chunksPath()}?q=${encodeURIComponent('100%_')}`)).body.total).toBe(0);
    expect((await knowledge.call('GET', chunksPath(), { space: 'space_b' })).status).toBe(404);
  });

  test('an edit re-tokenizes and re-embeds before answering: the vector is the new text\'s', async () => {
    const [first] = (await knowledge.call('GET', `${chunksPath()}?limit=1`)).body.items;
    const before = await vectorOf(first.id);
    expect(close(before, embedText(first.content))).toBe(true);
    const edited = await knowledge.call('PATCH', `${chunksPath()}/${first.id}`, { body: { content: 'Volcanoes erupt molten rock and ash.' } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ id: first.id, position: 0, content: 'Volcanoes erupt molten rock and ash.', edited: true, embedded: true });
    expect(edited.body.tokens).toBeLessThan(first.tokens);
    const after = await vectorOf(first.id);
    expect(close(after, before)).toBe(false);
    expect(close(after, embedText('Volcanoes erupt molten rock and ash.'))).toBe(true);
    // Full text follows the edit too.
    const row = await knowledge.service.runtime.database.kysely.selectFrom('chunks').select('search_text').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.search_text).toBe(searchText('Volcanoes erupt molten rock and ash.'));
  });

  test('can be disabled and enabled, added by hand after the last, and deleted; counts follow', async () => {
    const [, second] = (await knowledge.call('GET', chunksPath())).body.items;
    const disabled = await knowledge.call('PATCH', `${chunksPath()}/${second.id}`, { body: { enabled: false } });
    expect(disabled.body).toMatchObject({ enabled: false, edited: false, content: second.content });
    expect((await knowledge.call('PATCH', `${chunksPath()}/${second.id}`, { body: { enabled: true } })).body.enabled).toBe(true);

    const added = await knowledge.call('POST', chunksPath(), { body: { content: 'A note added by hand about alpine huts.' } });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toMatchObject({ position: 5, edited: true, embedded: true, content: 'A note added by hand about alpine huts.' });
    expect(close(await vectorOf(added.body.id), embedText('A note added by hand about alpine huts.'))).toBe(true);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${documentId}`)).body).toMatchObject({ chunkCount: 6, embeddedCount: 6 });

    expect((await knowledge.call('DELETE', `${chunksPath()}/${second.id}`)).status).toBe(204);
    expect((await knowledge.call('DELETE', `${chunksPath()}/${second.id}`)).status).toBe(404);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${documentId}`)).body).toMatchObject({ chunkCount: 5, embeddedCount: 5 });
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}`)).body.chunkCount).toBe(5);
  });

  test('retrieval sees the edits: a disabled chunk is not found, an edited one by its new text', async () => {
    const retrieve = async (query: string) => (await knowledge.call('POST', '/knowledge/retrieve', { body: { kbIds: [kbId], query, topK: 3 } })).body.results as any[];
    const [top] = await retrieve('volcanoes molten rock');
    expect(top).toMatchObject({ documentId, documentName: 'mountains.txt', content: 'Volcanoes erupt molten rock and ash.' });
    expect((await knowledge.call('PATCH', `${chunksPath()}/${top.chunkId}`, { body: { enabled: false } })).status).toBe(200);
    expect((await retrieve('volcanoes molten rock')).map((result) => result.chunkId)).not.toContain(top.chunkId);
    expect((await knowledge.call('PATCH', `${chunksPath()}/${top.chunkId}`, { body: { enabled: true } })).status).toBe(200);
  });

  test('bad edits are refused; another space sees nothing', async () => {
    const [first] = (await knowledge.call('GET', chunksPath())).body.items;
    expect((await knowledge.call('PATCH', `${chunksPath()}/${first.id}`, { body: {} })).status).toBe(400);
    expect((await knowledge.call('PATCH', `${chunksPath()}/${first.id}`, { body: { content: '   ' } })).status).toBe(400);
    expect((await knowledge.call('PATCH', `${chunksPath()}/nope`, { body: { enabled: false } })).status).toBe(404);
    expect((await knowledge.call('PATCH', `${chunksPath()}/${first.id}`, { space: 'space_b', body: { enabled: false } })).status).toBe(404);
    expect((await knowledge.call('POST', chunksPath(), { space: 'space_b', body: { content: 'x' } })).status).toBe(404);
  });

  test('a re-parse keeps chunks people wrote or edited, after the parsed ones', async () => {
    const requeued = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/${documentId}/reingest`);
    expect(requeued.status).toBe(202);
    await knowledge.waitFor(kbId, documentId, finished);
    const items = (await knowledge.call('GET', chunksPath())).body.items;
    const contents = items.map((chunk: any) => chunk.content);
    expect(contents).toContain('Volcanoes erupt molten rock and ash.');
    expect(contents).toContain('A note added by hand about alpine huts.');
    expect(items.map((chunk: any) => chunk.position)).toEqual([...Array(items.length).keys()]);
    expect(items.slice(-2).every((chunk: any) => chunk.edited)).toBe(true);
    expect(items.every((chunk: any) => chunk.embedded)).toBe(true);
  });
});
