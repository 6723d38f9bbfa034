import { Redis } from 'ioredis';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { testServers } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models.js';
import { fileForm, openTestGround, paragraphs, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../../test-harness.js';

/**
 * Distributed ingestion: documents are BullMQ jobs on the real Redis and progress travels over Redis pub/sub, so an
 * instance that did not take the upload still streams its progress, and two instances never ingest a document twice.
 */
let ground: TestGround;
let fake: FakeOpenAI;
let first: KnowledgeUnderTest;
let second: KnowledgeUnderTest;

beforeAll(async () => {
  ground = await openTestGround();
  fake = await startFakeOpenAI({ latencyMs: 50 });
  const { host, port } = testServers.redis;
  // A database of its own on the shared Redis, so no other suite's jobs meet these, emptied of an earlier run's.
  const redis = new Redis({ host, port, db: 11 });
  await redis.flushdb();
  redis.disconnect();
  const env = { REDIS_ADDR: `${host}:${port}`, REDIS_DB: '11', KNOWLEDGE_EMBED_BATCH: '2' };
  first = await startTestKnowledge(ground, fixedModels(fake.url, null), { schema: 'redis_queue', env });
  second = await startTestKnowledge(ground, fixedModels(fake.url, null), { schema: 'redis_queue', env });
}, 120_000);

afterAll(async () => {
  await first?.service.stop();
  await second?.service.stop();
  await fake?.close();
  await ground?.close();
});

describe('ingestion on BullMQ and Redis pub/sub', () => {
  test('uploads to one instance are ingested once, and the other instance streams their progress', async () => {
    const created = await first.call('POST', '/knowledge/bases', { body: { name: 'Queued', embeddingModel: 'prov/fake-embedding', chunking: { maxTokens: 64, overlapTokens: 0 } } });
    expect(created.status, created.text).toBe(201);
    const kbId = created.body.id as string;
    const watching = second.events(kbId, (seen) => seen.filter((event) => event.data.status === 'ready').length >= 3, { timeoutMs: 60_000 });
    const ids: string[] = [];
    for (const topic of ['lake', 'forest', 'desert']) {
      const added = await first.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm(`${topic}.txt`, paragraphs(4, topic)) });
      expect(added.status, added.text).toBe(202);
      ids.push(added.body.id as string);
    }
    const events = await watching;
    expect(new Set(events.filter((event) => event.data.status === 'ready').map((event) => event.data.id))).toEqual(new Set(ids));
    for (const id of ids) {
      expect(await second.waitFor(kbId, id, (document) => document.status === 'ready')).toMatchObject({ chunkCount: 4, embeddedCount: 4 });
    }
    // Each chunk was embedded once: 3 documents of 4 chunks, whichever instance took each job.
    const embedded = fake.requests.filter((request) => request.path === '/v1/embeddings').flatMap((request) => (request.body as { input: string[] }).input);
    expect(embedded).toHaveLength(12);
    expect(new Set(embedded).size).toBe(12);
  }, 90_000);
});
