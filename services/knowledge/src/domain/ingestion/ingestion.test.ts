import { sql } from 'kysely';
import { writePdf } from '@astron/docparse/testing';
import { qualifiedTable } from '@astron/kit/db';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models.js';
import { fileForm, openTestGround, paragraphs, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../../test-harness.js';

let ground: TestGround;

beforeAll(async () => {
  ground = await openTestGround();
}, 120_000);

afterAll(async () => {
  await ground?.close();
});

const finished = (document: any) => document.status === 'ready' || document.status === 'failed';
const order = ['queued', 'parsing', 'embedding', 'ready'];

/** The texts the fake model was asked to embed, in order. */
const embeddedTexts = (fake: FakeOpenAI) => fake.requests.filter((request) => request.path === '/v1/embeddings').flatMap((request) => (request.body as { input: string[] }).input);

async function newBase(knowledge: KnowledgeUnderTest, name: string): Promise<string> {
  const created = await knowledge.call('POST', '/knowledge/bases', { body: { name, embeddingModel: 'prov/fake-embedding', chunking: { maxTokens: 64, overlapTokens: 0 } } });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

describe('ingestion progress', () => {
  let fake: FakeOpenAI;
  let knowledge: KnowledgeUnderTest;

  beforeAll(async () => {
    // Slow embeddings in batches of two: progress has time to show.
    fake = await startFakeOpenAI({ latencyMs: 150 });
    knowledge = await startTestKnowledge(ground, fixedModels(fake.url, null), { schema: 'progress', env: { KNOWLEDGE_EMBED_BATCH: '2', KNOWLEDGE_MAX_PAGES: '2' } });
  });
  afterAll(async () => {
    await knowledge?.service.stop();
    await fake?.close();
  });

  test('the event stream opens with documents being ingested and follows them to ready, batch by batch', async () => {
    const kbId = await newBase(knowledge, 'Progress');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('six.txt', paragraphs(6, 'lake')) });
    const events = await knowledge.events(kbId, (seen) => seen.some((event) => event.data.status === 'ready'));
    const mine = events.filter((event) => event.event === 'document' && event.data.id === added.body.id).map((event) => event.data);
    expect(mine.at(-1)).toMatchObject({ status: 'ready', chunkCount: 6, embeddedCount: 6, progress: 1 });
    // Statuses only move forward, counts only grow, and the batches show as steps of two.
    const steps = mine.map((document) => order.indexOf(document.status));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    const counts = mine.filter((document) => document.status === 'embedding').map((document) => document.embeddedCount);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts).toEqual(expect.arrayContaining([2, 4]));
    expect(mine.find((document) => document.embeddedCount === 2)?.progress).toBeCloseTo(2 / 6, 2);

    // A reader that connects now gets no opening state (nothing is being ingested), then what happens next.
    const second = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'more', text: paragraphs(2, 'pond') } });
    const later = await knowledge.events(kbId, (seen) => seen.some((event) => event.data.id === second.body.id && event.data.status === 'ready'));
    expect(later.every((event) => event.data.id === second.body.id)).toBe(true);
  });

  test('a document deleted while it is embedded stops its ingestion; the stream says it is gone', async () => {
    const kbId = await newBase(knowledge, 'Deleted midway');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('long.txt', paragraphs(12, 'glacier')) });
    await knowledge.waitFor(kbId, added.body.id, (document) => document.embeddedCount >= 2);
    // While it is being ingested, its chunks cannot change and it cannot be queued again.
    const busy = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/${added.body.id}/chunks`, { body: { content: 'too early' } });
    expect(busy).toMatchObject({ status: 409, body: { code: 'document_busy' } });
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/${added.body.id}/reingest`)).body.code).toBe('document_busy');
    const gone = knowledge.events(kbId, (seen) => seen.some((event) => event.event === 'document-deleted'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await knowledge.call('DELETE', `/knowledge/bases/${kbId}/documents/${added.body.id}`)).status).toBe(204);
    expect((await gone).at(-1)).toEqual({ event: 'document-deleted', data: { id: added.body.id } });
    const asked = embeddedTexts(fake).filter((text) => text.includes('glacier')).length;
    await new Promise((resolve) => setTimeout(resolve, 400));
    // At most the batch in flight when it was deleted; nothing after.
    expect(embeddedTexts(fake).filter((text) => text.includes('glacier')).length).toBeLessThanOrEqual(asked + 2);
    expect(embeddedTexts(fake).filter((text) => text.includes('glacier')).length).toBeLessThan(12);
    const rows = await knowledge.service.runtime.database.kysely.selectFrom('chunks').select('id').where('document_id', '=', added.body.id).execute();
    expect(rows).toEqual([]);
  });

  test('a document that cannot be used fails with its reason (no text, too many pages); vectors of another size fail naming both', async () => {
    const kbId = await newBase(knowledge, 'Failures');
    const scriptOnly = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('blank.html', '<!doctype html><html><body><script>var x = 1;</script></body></html>') });
    expect(scriptOnly.status).toBe(202);
    const failed = await knowledge.waitFor(kbId, scriptOnly.body.id, finished);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'document_empty', message: expect.stringContaining('no text') } });
    const long = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('long.pdf', writePdf({ pages: [['one'], ['two'], ['three']] })) });
    expect(long.status).toBe(202);
    expect(await knowledge.waitFor(kbId, long.body.id, finished)).toMatchObject({ status: 'failed', error: { code: 'document_too_large', message: 'This PDF has 3 pages; the limit is 2 pages.' } });

    // As if an earlier model had fixed this base at 128 dimensions: the fake answers 256.
    const { database } = knowledge.service.runtime;
    await database.kysely.updateTable('knowledge_bases').set({ dimensions: 128 }).where('id', '=', kbId).execute();
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'sized', text: 'Vectors of the wrong size.' } });
    const mismatch = await knowledge.waitFor(kbId, added.body.id, finished);
    expect(mismatch).toMatchObject({ status: 'failed', error: { code: 'embedding_dimensions_mismatch' } });
    expect(mismatch.error.message).toContain('256');
    expect(mismatch.error.message).toContain('128');
    const embedded = await sql<{ n: number }>`select count(*)::int as n from ${qualifiedTable(database, 'chunks')} where document_id = ${added.body.id} and embedding is not null`.execute(database.kysely);
    expect(embedded.rows[0]?.n).toBe(0);
    // Once fixed, it is the retrieval index's size too.
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}`)).body.dimensions).toBe(128);
  });

  test('the first vectors fix the base\'s size and create its HNSW index', async () => {
    const kbId = await newBase(knowledge, 'Sized');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'one', text: 'One small text.' } });
    await knowledge.waitFor(kbId, added.body.id, finished);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}`)).body.dimensions).toBe(256);
    const { database } = knowledge.service.runtime;
    const indexes = await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where schemaname = ${database.namespace} and tablename = 'chunks'`.execute(database.kysely);
    expect(indexes.rows.find((row) => row.indexname === 'chunks_embedding_256')?.indexdef).toContain('hnsw');
  });
});

describe('resuming after a stop', () => {
  test('a restart mid-embedding finishes without duplicate chunks, embedding every chunk exactly once', async () => {
    const fake = await startFakeOpenAI({ latencyMs: 150 });
    const env = { KNOWLEDGE_EMBED_BATCH: '2' };
    const first = await startTestKnowledge(ground, fixedModels(fake.url, null), { schema: 'resume', env });
    const kbId = await newBase(first, 'Resume');
    const added = await first.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('ten.txt', paragraphs(10, 'harbour')) });
    const documentId = added.body.id as string;
    await first.waitFor(kbId, documentId, (document) => document.embeddedCount >= 2);
    // A stop lets the batch in flight finish and be written, then leaves the rest for whoever takes the job next.
    await first.service.stop();
    const askedBefore = embeddedTexts(fake).length;
    expect(askedBefore).toBeGreaterThanOrEqual(2);
    expect(askedBefore).toBeLessThan(10);

    const second = await startTestKnowledge(ground, fixedModels(fake.url, null), { schema: 'resume', env });
    try {
      const stopped = (await second.call('GET', `/knowledge/bases/${kbId}/documents/${documentId}`)).body;
      expect(stopped.status === 'embedding' || stopped.status === 'ready').toBe(true);
      const done = await second.waitFor(kbId, documentId, finished);
      expect(done).toMatchObject({ status: 'ready', chunkCount: 10, embeddedCount: 10 });

      const { database } = second.service.runtime;
      const rows = await database.kysely.selectFrom('chunks').select(['position', 'content', 'embedding']).where('document_id', '=', documentId).orderBy('position').execute();
      expect(rows.map((row) => row.position)).toEqual([...Array(10).keys()]);
      expect(rows.every((row) => row.embedding !== null)).toBe(true);
      const asked = embeddedTexts(fake);
      expect(asked).toHaveLength(10);
      expect([...asked].sort()).toEqual(rows.map((row) => row.content).sort());
    } finally {
      await second.service.stop();
      await fake.close();
    }
  });
});
