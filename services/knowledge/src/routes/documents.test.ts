import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writePdf } from '@astron/docparse/testing';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../models.js';
import { fileForm, openTestGround, paragraphs, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from '../test-harness.js';

let ground: TestGround;
let fake: FakeOpenAI;
let knowledge: KnowledgeUnderTest;
let site: Server;
let siteUrl: string;

const ready = (document: any) => document.status === 'ready' || document.status === 'failed';

async function newBase(name: string, chunking: Record<string, unknown> = { maxTokens: 64, overlapTokens: 0 }): Promise<string> {
  const created = await knowledge.call('POST', '/knowledge/bases', { body: { name, embeddingModel: 'prov/fake-embedding', chunking } });
  expect(created.status, created.text).toBe(201);
  return created.body.id as string;
}

/** Keys of the files the service keeps, to show that a refusal stores nothing. */
const storedFiles = async () => (await knowledge.service.runtime.storage.list('knowledge/')).map((file) => file.key);

beforeAll(async () => {
  ground = await openTestGround();
  fake = await startFakeOpenAI();
  // A 1 MB limit, and the loopback address allowed so the test site can serve documents by URL.
  knowledge = await startTestKnowledge(ground, fixedModels(fake.url, null), { env: { KNOWLEDGE_MAX_FILE_MB: '1', EGRESS_ALLOW_HOSTS: '127.0.0.1' } });
  site = createServer((request, response) => {
    if (request.url === '/guide') {
      response.writeHead(200, { 'content-type': 'text/markdown', 'content-disposition': 'attachment; filename="guide.md"' });
      response.end('# Guide\n\n## Install\n\nRun the installer and follow the wizard.\n\n## Use\n\nOpen the app every morning.');
      return;
    }
    response.writeHead(404).end('no such page');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await knowledge?.service.stop();
  await fake?.close();
  await new Promise((resolve) => site?.close(resolve));
  await ground?.close();
});

describe('adding documents', () => {
  test('each kind is sniffed by content and ingested to ready, with its chunks embedded', async () => {
    const kbId = await newBase('Kinds');
    const uploads: [string, string, string][] = [
      ['notes.txt', paragraphs(3, 'tea'), 'text'],
      ['readme.md', '# Title\n\n## Part one\n\nThe first part explains the setup.\n\n## Part two\n\nThe second part explains the use.', 'markdown'],
      ['page.html', '<!doctype html><html><head><title>Page</title></head><body><h1>Welcome</h1><p>Opening hours are nine to five.</p><table><tr><th>Day</th><th>Hours</th></tr><tr><td>Mon</td><td>9-17</td></tr></table></body></html>', 'html'],
      ['prices.csv', 'item,price\ncoffee,3\ntea,2\ncake,4\n', 'csv'],
      // The name says text, the bytes say HTML: the bytes win.
      ['misnamed.txt', '<html><body><h2>Hidden</h2><p>Really a web page.</p></body></html>', 'html'],
    ];
    for (const [name, content, type] of uploads) {
      const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm(name, content) });
      expect(added.status, added.text).toBe(202);
      expect(added.body).toMatchObject({ kbId, name, source: 'upload', type, status: 'queued', sizeBytes: Buffer.byteLength(content), progress: 0, error: null });
      const done = await knowledge.waitFor(kbId, added.body.id, ready);
      expect(done).toMatchObject({ status: 'ready', progress: 1, error: null });
      expect(done.chunkCount).toBeGreaterThan(0);
      expect(done.embeddedCount).toBe(done.chunkCount);
    }
    const text = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'pasted', text: 'Pasted text about bicycles and their repair.' } });
    expect(text.body).toMatchObject({ name: 'pasted', source: 'text', type: 'text' });
    expect((await knowledge.waitFor(kbId, text.body.id, ready)).status).toBe('ready');

    const chunks = await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${text.body.id}/chunks`);
    expect(chunks.body.items).toMatchObject([{ position: 0, content: 'Pasted text about bicycles and their repair.', enabled: true, edited: false, embedded: true }]);
    const base = (await knowledge.call('GET', `/knowledge/bases/${kbId}`)).body;
    expect(base).toMatchObject({ documentCount: 6, dimensions: 256 });
    expect(base.chunkCount).toBeGreaterThanOrEqual(6);
  });

  test('a PDF keeps its pages for citations', async () => {
    const kbId = await newBase('PDFs');
    const pages = [
      // About 45 tokens a page: one chunk each at 64 tokens.
      ['Chapter one: the lighthouse keeper lights the lamp every evening at dusk.', 'He climbs one hundred and twelve steps to reach the lantern room.', 'The lamp burns paraffin and turns once every ten seconds.'],
      ['Chapter two: storms arrive from the west in autumn and last for days.', 'Ships wait in the harbour until the wind turns to the north.', 'Fishermen mend their nets in the sheds along the quay.'],
    ];
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('keeper.pdf', writePdf({ pages })) });
    expect(added.status, added.text).toBe(202);
    expect(added.body.type).toBe('pdf');
    const done = await knowledge.waitFor(kbId, added.body.id, ready);
    expect(done).toMatchObject({ status: 'ready', pageCount: 2 });
    const chunks = (await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${added.body.id}/chunks`)).body.items;
    expect(chunks.map((chunk: any) => [chunk.page, chunk.pageEnd])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const [found] = (await knowledge.call('POST', '/knowledge/retrieve', { body: { kbIds: [kbId], query: 'storms from the west', topK: 1 } })).body.results;
    expect(found).toMatchObject({ documentName: 'keeper.pdf', page: 2 });
  });

  test('a document by URL is fetched through the egress guard; private and metadata addresses are refused', async () => {
    const kbId = await newBase('From the web', { mode: 'heading', maxTokens: 256, overlapTokens: 0 });
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { url: `${siteUrl}/guide` } });
    expect(added.status, added.text).toBe(202);
    expect(added.body).toMatchObject({ name: 'guide.md', source: 'url', sourceUrl: `${siteUrl}/guide`, type: 'markdown' });
    await knowledge.waitFor(kbId, added.body.id, ready);
    const chunks = (await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${added.body.id}/chunks`)).body.items;
    expect(chunks.map((chunk: any) => chunk.headingPath)).toEqual([
      ['Guide', 'Install'],
      ['Guide', 'Use'],
    ]);

    for (const url of ['http://10.0.0.1/secret', 'http://169.254.169.254/latest/meta-data']) {
      const refused = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { url } });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('egress_blocked');
    }
    const missing = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { url: `${siteUrl}/nothing` } });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'document_fetch_failed', details: { status: 404 } });
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { url: 'file:///etc/passwd' } })).status).toBe(400);
  });

  test('refusals: binary 415, too large 413 with the limit, the same bytes 409; nothing is stored', async () => {
    const kbId = await newBase('Refusals');
    const first = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('first.txt', 'Only once, please.') });
    expect(first.status).toBe(202);
    const before = await storedFiles();

    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const image = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('photo.txt', png) });
    expect(image.status).toBe(415);
    expect(image.body.code).toBe('unsupported_document_type');
    expect(image.body.message).toContain('PNG image');
    const binary = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('data.txt', Buffer.from([0, 1, 2, 3, 0, 0, 7, 255, 0, 4])) });
    expect(binary.status).toBe(415);
    expect(binary.body.message).toContain('binary data');

    const justOver = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('big.txt', 'a'.repeat(1024 * 1024 + 10)) });
    expect(justOver.status).toBe(413);
    expect(justOver.body).toMatchObject({ code: 'document_too_large', details: { limitBytes: 1024 * 1024, sizeBytes: 1024 * 1024 + 10 } });
    expect(justOver.body.message).toContain('1 MB');
    const farOver = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('huge.txt', 'b'.repeat(3 * 1024 * 1024)) });
    expect(farOver.status).toBe(413);
    expect(farOver.body).toMatchObject({ code: 'document_too_large', details: { limitBytes: 1024 * 1024 } });
    const longText = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'long', text: 'c'.repeat(1024 * 1024 + 1) } });
    expect(longText.status).toBe(413);

    const again = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('renamed.txt', 'Only once, please.') });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'document_exists', details: { documentId: first.body.id, name: 'first.txt' } });
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('empty.txt', '') })).body.code).toBe('document_empty');

    expect(await storedFiles()).toEqual(before);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents`)).body.items.map((item: any) => item.id)).toEqual([first.body.id]);
    // The same bytes in another base are another document.
    const otherBase = await newBase('Refusals too');
    expect((await knowledge.call('POST', `/knowledge/bases/${otherBase}/documents`, { body: fileForm('first.txt', 'Only once, please.') })).status).toBe(202);
  });

  test('bad inputs: no file, two files, neither url nor text', async () => {
    const kbId = await newBase('Bad inputs');
    const none = new FormData();
    none.append('note', 'no file here');
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: none })).body.code).toBe('file_required');
    const two = fileForm('a.txt', 'one');
    two.append('file', new Blob(['two']), 'b.txt');
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: two })).status).toBe(400);
    const neither = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'x' } });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toContain('body.text');
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { text: 'nameless' } })).body.message).toContain('body.name');
  });
});

describe('preview', () => {
  test('shows the chunks with the base\'s settings or an override, and stores nothing', async () => {
    const kbId = await newBase('Preview', { maxTokens: 512, overlapTokens: 0 });
    const before = await storedFiles();
    const text = paragraphs(12, 'river');
    const whole = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/preview`, { body: { name: 'river.txt', text } });
    expect(whole.status, whole.text).toBe(200);
    expect(whole.body).toMatchObject({ type: 'text', pageCount: null });
    expect(whole.body.total).toBe(whole.body.chunks.length);
    const fine = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/preview`, { body: fileForm('river.txt', text, { chunking: JSON.stringify({ maxTokens: 64 }) }) });
    expect(fine.status, fine.text).toBe(200);
    expect(fine.body.total).toBeGreaterThan(whole.body.total);
    expect(fine.body.chunks[0]).toMatchObject({ position: 0, headingPath: [], page: null, tokens: expect.any(Number) });
    expect(fine.body.chunks.every((chunk: any) => chunk.tokens <= 64)).toBe(true);
    const bySeparator = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/preview`, { body: { name: 'list.txt', text: 'alpha;;beta;;gamma', chunking: { mode: 'separator', separator: ';;' } } });
    expect(bySeparator.body.chunks.map((chunk: any) => chunk.content)).toEqual(['alpha', 'beta', 'gamma']);
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/preview`, { body: fileForm('x.bin', Buffer.from([0, 0, 0, 1, 2])) })).status).toBe(415);
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/preview`, { body: { name: 'a', text: 'b', chunking: { maxTokens: 5 } } })).status).toBe(400);
    expect(await storedFiles()).toEqual(before);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents`)).body.items).toEqual([]);
  });
});

describe('listing, deleting, ingesting again', () => {
  test('documents are listed newest first, paged and filtered by status', async () => {
    const kbId = await newBase('Listing');
    const ids: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: `doc ${index}`, text: `Document number ${index} talks about ${index} things.` } });
      ids.push(added.body.id as string);
      await knowledge.waitFor(kbId, added.body.id, ready);
    }
    const first = await knowledge.call('GET', `/knowledge/bases/${kbId}/documents?limit=2`);
    expect(first.body.items.map((item: any) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await knowledge.call('GET', `/knowledge/bases/${kbId}/documents?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents?status=ready`)).body.items).toHaveLength(3);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents?status=failed`)).body.items).toEqual([]);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents?cursor=bogus`)).status).toBe(400);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${ids[0]}`, { space: 'space_b' })).status).toBe(404);
  });

  test('deleting a document removes its file, chunks and vectors', async () => {
    const kbId = await newBase('Deleting');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('gone.txt', paragraphs(4, 'snow')) });
    const done = await knowledge.waitFor(kbId, added.body.id, ready);
    expect(done.chunkCount).toBe(4);
    const { database, storage } = knowledge.service.runtime;
    const stored = (await storedFiles()).filter((key) => key.endsWith(added.body.id));
    expect(stored).toHaveLength(1);
    const chunkRows = () => database.kysely.selectFrom('chunks').select('id').where('document_id', '=', added.body.id).execute();
    expect(await chunkRows()).toHaveLength(4);

    expect((await knowledge.call('DELETE', `/knowledge/bases/${kbId}/documents/${added.body.id}`, { space: 'space_b' })).status).toBe(404);
    expect((await knowledge.call('DELETE', `/knowledge/bases/${kbId}/documents/${added.body.id}`)).status).toBe(204);
    expect(await chunkRows()).toEqual([]);
    expect(await storage.head(stored[0] ?? '')).toBeNull();
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${added.body.id}`)).status).toBe(404);
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}`)).body).toMatchObject({ documentCount: 0, chunkCount: 0 });
    // Its bytes may come back as a new document.
    expect((await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('back.txt', paragraphs(4, 'snow')) })).status).toBe(202);
  });

  test('reingest parses again with the base\'s new chunking; a base with chunks keeps its model', async () => {
    const kbId = await newBase('Reingest');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: { name: 'story', text: paragraphs(6, 'forest') } });
    expect((await knowledge.waitFor(kbId, added.body.id, ready)).chunkCount).toBe(6);
    const changed = await knowledge.call('PATCH', `/knowledge/bases/${kbId}`, { body: { embeddingModel: 'prov/other-model' } });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('knowledge_base_not_empty');

    await knowledge.call('PATCH', `/knowledge/bases/${kbId}`, { body: { chunking: { maxTokens: 1024 } } });
    const requeued = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents/${added.body.id}/reingest`);
    expect(requeued.status).toBe(202);
    expect(requeued.body.status).toBe('queued');
    const again = await knowledge.waitFor(kbId, added.body.id, ready);
    expect(again).toMatchObject({ status: 'ready', chunkCount: 1, embeddedCount: 1 });
    expect((await knowledge.call('GET', `/knowledge/bases/${kbId}/documents/${added.body.id}/chunks`)).body.total).toBe(1);
  });

  test('deleting a base removes its documents\' files and chunks', async () => {
    const kbId = await newBase('Whole base');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('a.txt', paragraphs(2, 'cloud')) });
    await knowledge.waitFor(kbId, added.body.id, ready);
    expect((await storedFiles()).some((key) => key.endsWith(added.body.id))).toBe(true);
    expect((await knowledge.call('DELETE', `/knowledge/bases/${kbId}`)).status).toBe(204);
    expect((await storedFiles()).some((key) => key.endsWith(added.body.id))).toBe(false);
    const rows = await knowledge.service.runtime.database.kysely.selectFrom('chunks').select('id').where('kb_id', '=', kbId).execute();
    expect(rows).toEqual([]);
  });
});
