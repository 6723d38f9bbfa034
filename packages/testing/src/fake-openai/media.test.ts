import { inflateSync } from 'node:zlib';
import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeImagePng, fakeSpeech, fakeTranscript, spokenText, startFakeOpenAI, type FakeOpenAI } from './index.js';

let fake: FakeOpenAI;
let client: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.url, apiKey: 'unused', maxRetries: 0 });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

/** The pixel rows of a PNG made by the fake: IHDR size, and the inflated IDAT. */
function readPng(bytes: Buffer): { width: number; height: number; rows: Buffer } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  const idat = bytes.indexOf('IDAT');
  const length = bytes.readUInt32BE(idat - 4);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), rows: inflateSync(bytes.subarray(idat + 4, idat + 4 + length)) };
}

describe('image generation', () => {
  it('answers gpt-image models with b64_json: a PNG that depends only on the prompt', async () => {
    const answer = await client.images.generate({ model: 'gpt-image-1', prompt: 'a red fox' });
    const image = Buffer.from(answer.data?.[0]?.b64_json ?? '', 'base64');
    expect(image).toEqual(fakeImagePng('a red fox'));
    expect(answer.data?.[0]?.revised_prompt).toBe('a red fox (revised)');
    const png = readPng(image);
    expect(png).toMatchObject({ width: 8, height: 8 });
    expect(png.rows.length).toBe(8 * (1 + 8 * 3));
    expect(fakeImagePng('a blue fox')).not.toEqual(image);
    expect(fake.requests[0]).toMatchObject({ path: '/v1/images/generations', body: { model: 'gpt-image-1', prompt: 'a red fox' } });
  });

  it('answers DALL·E models with URLs this server serves, one image per n', async () => {
    const answer = await client.images.generate({ model: 'dall-e-2', prompt: 'a lake', n: 2, size: '256x256' });
    const urls = (answer.data ?? []).map((item) => item.url ?? '');
    expect(urls).toHaveLength(2);
    const images = await Promise.all(urls.map(async (url) => Buffer.from(await (await fetch(url)).arrayBuffer())));
    expect(images[0]).toEqual(fakeImagePng('a lake'));
    expect(images[1]).toEqual(fakeImagePng('a lake #1'));
    const asBase64 = await client.images.generate({ model: 'dall-e-2', prompt: 'a lake', response_format: 'b64_json' });
    expect(asBase64.data?.[0]?.b64_json).toBe(fakeImagePng('a lake').toString('base64'));
  });

  it('refuses a request without a prompt or with a bad size', async () => {
    await expect(client.images.generate({ model: 'gpt-image-1', prompt: ' ' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'prompt'") });
    await expect(client.images.generate({ model: 'gpt-image-1', prompt: 'x', size: 'big' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'size'") });
  });
});

describe('speech', () => {
  it('makes a WAV that carries its text, and mp3 by default', async () => {
    const wav = Buffer.from(await (await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'hello world', response_format: 'wav' })).arrayBuffer());
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(spokenText(wav)).toBe('hello world');
    expect(wav).toEqual(fakeSpeech('hello world', 'wav').bytes);

    const mp3 = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: '你好' });
    expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await mp3.arrayBuffer());
    expect(bytes.toString('latin1', 0, 3)).toBe('ID3');
    expect(spokenText(bytes)).toBe('你好');
  });

  it('refuses a request without a voice or with a bad speed', async () => {
    await expect(client.audio.speech.create({ model: 'tts-1', input: 'x' } as never)).rejects.toMatchObject({ status: 400, message: expect.stringContaining("'voice'") });
    await expect(client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'x', speed: 9 })).rejects.toMatchObject({ status: 400 });
  });
});

describe('transcription', () => {
  it('hears back the text of its own speech, and describes any other file', async () => {
    const speech = fakeSpeech('the quick brown fox', 'mp3').bytes;
    const heard = await client.audio.transcriptions.create({ file: await toFile(speech, 'fox.mp3'), model: 'whisper-1', language: 'en' });
    expect(heard.text).toBe('the quick brown fox');
    expect(fake.requests[0]?.body).toEqual({ model: 'whisper-1', language: 'en', file: { name: 'fox.mp3', type: expect.any(String), size: speech.length } });

    const noise = Buffer.from([1, 2, 3, 4]);
    const described = await client.audio.transcriptions.create({ file: await toFile(noise, 'noise.wav'), model: 'whisper-1' });
    expect(described.text).toBe(fakeTranscript('noise.wav', noise));
    expect(described.text).toMatch(/^fake transcript of noise\.wav: 4 bytes, sha256 [0-9a-f]{8}$/);
  });

  it('answers text, verbose_json and srt', async () => {
    const file = await toFile(fakeSpeech('one two three', 'wav').bytes, 'a.wav');
    expect(await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'text' })).toBe('one two three');
    const verbose = await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'verbose_json', language: 'en' });
    expect(verbose).toMatchObject({ text: 'one two three', language: 'en', duration: expect.closeTo(0.6, 5), segments: [{ text: 'one two three' }] });
    expect(await client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'srt' })).toBe('1\n00:00:00,000 --> 00:00:00,600\none two three\n');
  });

  it('refuses a form without a model or a file, and a body that is not multipart', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('x')]), 'a.wav');
    const withoutModel = await fetch(`${fake.url}/audio/transcriptions`, { method: 'POST', body: form });
    expect(withoutModel.status).toBe(400);
    expect(((await withoutModel.json()) as { error: { message: string } }).error.message).toContain("'model'");
    const json = await fetch(`${fake.url}/audio/transcriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model":"whisper-1"}' });
    expect(json.status).toBe(400);
  });
});

describe('media with an API key', () => {
  it('refuses a call without the key', async () => {
    const locked = await startFakeOpenAI({ apiKey: 'sk-media' });
    try {
      const wrong = new OpenAI({ baseURL: locked.url, apiKey: 'sk-wrong', maxRetries: 0 });
      await expect(wrong.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'x' })).rejects.toMatchObject({ status: 401 });
      const right = new OpenAI({ baseURL: locked.url, apiKey: 'sk-media', maxRetries: 0 });
      expect((await right.images.generate({ model: 'gpt-image-1', prompt: 'x' })).data).toHaveLength(1);
    } finally {
      await locked.close();
    }
  });
});
