import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '@astron/kit/storage';
import { fakeImagePng, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from './models/resolver.js';
import { download, startTestAitools, type AitoolsUnderTest } from './test-harness.js';

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

const models = { image: 'p1/gpt-image-1', speech: 'p1/tts-1', transcription: 'p1/whisper-1' };

let fake: FakeOpenAI;
let s3Directory: string;
let s3rver: ChildProcess;
let s3Env: Record<string, string>;
let bucket: S3Store;
let aitools: AitoolsUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  s3Directory = await mkdtemp(join(tmpdir(), 'astron-aitools-s3-'));
  const started = await startS3rver(s3Directory);
  s3rver = started.child;
  // s3rver knows one account, S3RVER/S3RVER; the service creates its bucket at start. The original's OSS_* names.
  s3Env = { OSS_ENDPOINT: started.url, OSS_BUCKET_NAME: 'aitools-files', OSS_ACCESS_KEY_ID: 'S3RVER', OSS_ACCESS_KEY_SECRET: 'S3RVER' };
  aitools = await startTestAitools(fixedModels(fake.url, null), s3Env);
  bucket = new S3Store({ endpoint: started.url, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', bucket: 'aitools-files' });
}, 120_000);

afterAll(async () => {
  await aitools?.stop();
  await bucket?.close();
  s3rver?.stdin?.end();
  if (s3rver !== undefined && s3rver.exitCode === null) await once(s3rver, 'exit');
  await rm(s3Directory, { recursive: true, force: true });
  await fake?.close();
});

describe('files on S3', () => {
  test('a generated image goes to the bucket and comes back as a presigned link to it', async () => {
    const answer = await aitools.run('image_generation', { inputs: { prompt: 'on s3' }, models });
    expect(answer.status, answer.text).toBe(200);
    const { url } = answer.body.outputs;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/aitools-files\/aitools\/space_a\/.+\.png\?.*X-Amz-Signature=/);
    const [object] = await bucket.list('aitools/space_a/');
    expect(await bucket.getBuffer(object?.key ?? '')).toEqual(fakeImagePng('on s3'));
    expect((await bucket.head(object?.key ?? ''))?.contentType).toBe('image/png');
    expect((await download(url)).bytes).toEqual(fakeImagePng('on s3'));
    // The service serves no files itself here.
    const served = await aitools.call('GET', '/aitools/v1/files/aitools/space_a/x.png?expires=1&signature=0', { space: false });
    expect(served.status).toBe(404);
    expect((await aitools.call('GET', '/ready', { space: false })).status).toBe(200);
  });

  test("the space's own speech is read back from the bucket, not fetched from its (private) address", async () => {
    const spoken = await aitools.run('text_to_speech', { inputs: { text: 'stored in a bucket', format: 'wav' }, models });
    expect(spoken.status, spoken.text).toBe(200);
    const heard = await aitools.run('speech_to_text', { inputs: { url: spoken.body.outputs.url }, models });
    expect(heard.status, heard.text).toBe(200);
    expect(heard.body.outputs.text).toBe('stored in a bucket');
  });

  test('presigned links expire with OSS_TTL, and the sweep empties the bucket', async () => {
    const shortLived = await startTestAitools(fixedModels(fake.url, null), { ...s3Env, OSS_TTL: '1', S3_PRESIGN_EXPIRY_SECONDS: '1' });
    try {
      const answer = await shortLived.run('image_generation', { inputs: { prompt: 'brief' }, models });
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      expect((await download(answer.body.outputs.url)).status).toBe(403);
      expect(await shortLived.service.runtime.sweeper.sweep(Date.now() + 25 * 3600_000)).toBeGreaterThanOrEqual(3);
      expect(await bucket.list('aitools/')).toEqual([]);
    } finally {
      await shortLived.stop();
    }
  });
});
