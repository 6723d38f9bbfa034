import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '@astron/kit/storage';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from './models.js';
import { fileForm, openTestGround, paragraphs, startTestKnowledge, type KnowledgeUnderTest, type TestGround } from './test-harness.js';

/**
 * s3rver in a child process, as the kit's S3 tests start it (--openssl-legacy-provider for its DES list tokens); it
 * exits when our end of its stdin closes.
 */
async function startS3rver(directory: string): Promise<{ url: string; child: ChildProcess }> {
  const s3rverPath = createRequire(import.meta.url).resolve('s3rver');
  const script = `
    const S3rver = require(${JSON.stringify(s3rverPath)});
    new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[1] })
      .run().then(({ port }) => console.log(port), (error) => { console.error(error); process.exit(1); });
    process.stdin.on('end', () => process.exit(0)).resume();`;
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', script, directory], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${line.toString().trim()}`, child };
}

let ground: TestGround;
let fake: FakeOpenAI;
let s3Directory: string;
let s3rver: ChildProcess;
let bucket: S3Store;
let knowledge: KnowledgeUnderTest;

beforeAll(async () => {
  ground = await openTestGround();
  fake = await startFakeOpenAI();
  s3Directory = await mkdtemp(join(tmpdir(), 'astron-knowledge-s3-'));
  const started = await startS3rver(s3Directory);
  s3rver = started.child;
  // s3rver knows one account, S3RVER/S3RVER; the service creates its bucket at start.
  const env = { S3_ENDPOINT: started.url, S3_BUCKET: 'knowledge-files', S3_ACCESS_KEY: 'S3RVER', S3_SECRET_KEY: 'S3RVER' };
  knowledge = await startTestKnowledge(ground, fixedModels(fake.url, null), { env });
  bucket = new S3Store({ endpoint: started.url, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', bucket: 'knowledge-files' });
}, 120_000);

afterAll(async () => {
  await knowledge?.service.stop();
  await bucket?.close();
  s3rver?.stdin?.end();
  if (s3rver !== undefined && s3rver.exitCode === null) await once(s3rver, 'exit');
  await rm(s3Directory, { recursive: true, force: true });
  await fake?.close();
  await ground?.close();
});

describe('documents on S3', () => {
  test('an upload is stored in the bucket, ingested from there, and removed with its document', async () => {
    const kbId = (await knowledge.call('POST', '/knowledge/bases', { body: { name: 'On S3', embeddingModel: 'prov/fake-embedding', chunking: { maxTokens: 64, overlapTokens: 0 } } })).body.id;
    const content = paragraphs(3, 'canyon');
    const added = await knowledge.call('POST', `/knowledge/bases/${kbId}/documents`, { body: fileForm('canyon.md', content) });
    expect(added.status, added.text).toBe(202);
    const [object] = await bucket.list('knowledge/');
    expect(object?.key.endsWith(added.body.id)).toBe(true);
    expect((await bucket.getBuffer(object?.key ?? ''))?.toString()).toBe(content);
    expect((await bucket.head(object?.key ?? ''))?.contentType).toContain('text/markdown');

    const done = await knowledge.waitFor(kbId, added.body.id, (document) => document.status === 'ready' || document.status === 'failed');
    expect(done).toMatchObject({ status: 'ready', chunkCount: 3, embeddedCount: 3 });
    expect((await fetch(`${knowledge.url}/ready`)).status).toBe(200);

    expect((await knowledge.call('DELETE', `/knowledge/bases/${kbId}/documents/${added.body.id}`)).status).toBe(204);
    expect(await bucket.list('knowledge/')).toEqual([]);
  });
});
