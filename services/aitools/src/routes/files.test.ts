import { fakeImagePng, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../models/resolver.js';
import { download, startTestAitools, type AitoolsUnderTest } from '../test-harness.js';

const models = { image: 'p1/gpt-image-1', speech: 'p1/tts-1', transcription: 'p1/whisper-1' };

let fake: FakeOpenAI;
let aitools: AitoolsUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null));
});
afterAll(async () => {
  await aitools?.stop();
  await fake?.close();
});

async function generatedLink(prompt: string, on: AitoolsUnderTest = aitools): Promise<string> {
  const answer = await on.run('image_generation', { inputs: { prompt }, models });
  expect(answer.status, answer.text).toBe(200);
  return answer.body.outputs.url as string;
}

describe('signed file links', () => {
  test('need no service token, and are served so that a browser never runs them', async () => {
    const file = await download(await generatedLink('served'));
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(fakeImagePng('served'));
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(file.headers.get('cache-control')).toMatch(/^private, max-age=(3600|3599)$/);
  });

  test('a changed signature, expiry or key is refused', async () => {
    const url = new URL(await generatedLink('tampered'));
    const signature = url.searchParams.get('signature') ?? '';
    const forged = new URL(url);
    forged.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    const answer = await fetch(forged);
    expect(answer.status).toBe(403);
    expect(await answer.json()).toMatchObject({ code: 'signed_url_invalid' });

    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    expect((await fetch(longer)).status).toBe(403);

    const other = new URL(url);
    other.pathname = url.pathname.replace(/f_[0-9a-f]+\.png$/, 'f_00000000000000000000000000000000.png');
    expect((await fetch(other)).status).toBe(403);

    const unsigned = new URL(url);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(403);
    // Encoded slashes survive URL normalization and come out of the path as a `..` segment.
    const traversal = await fetch(`${aitools.url}/aitools/v1/files/aitools%2F..%2F..%2Fsecrets.json?expires=9999999999&signature=${signature}`);
    expect(traversal.status).toBe(400);
    expect(await traversal.json()).toMatchObject({ code: 'invalid_object_key' });
  });

  test('a link stops working when OSS_TTL has passed', async () => {
    const shortLived = await startTestAitools(fixedModels(fake.url, null), { OSS_TTL: '1' });
    try {
      const url = await generatedLink('brief', shortLived);
      expect((await download(url)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const expired = await fetch(url);
      expect(expired.status).toBe(403);
      expect(await expired.json()).toMatchObject({ code: 'signed_url_expired' });
    } finally {
      await shortLived.stop();
    }
  });

  test('the sweep deletes files past their retention, and only those', async () => {
    const url = await generatedLink('swept');
    const spoken = await aitools.run('text_to_speech', { inputs: { text: 'swept too' }, models });
    expect(await aitools.service.runtime.sweeper.sweep()).toBe(0);
    expect((await download(url)).status).toBe(200);

    // A day and an hour from now, every file made so far is past the default retention of a day.
    expect(await aitools.service.runtime.sweeper.sweep(Date.now() + 25 * 3600_000)).toBeGreaterThanOrEqual(2);
    expect(await aitools.service.runtime.store.list('aitools/')).toEqual([]);
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    const heard = await aitools.run('speech_to_text', { inputs: { url: spoken.body.outputs.url }, models });
    expect(heard.status).toBe(410);
    expect(heard.body).toMatchObject({ code: 'file_gone', message: expect.stringContaining('AITOOLS_FILE_RETENTION_HOURS') });
  });
});
