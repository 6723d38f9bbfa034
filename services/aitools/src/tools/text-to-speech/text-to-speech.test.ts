import { fakeSpeech, spokenText, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { download, startTestAitools, type AitoolsUnderTest } from '../../test-harness.js';

let fake: FakeOpenAI;
let aitools: AitoolsUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null));
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await fake?.close();
});

describe('text_to_speech', () => {
  test('speaks the text with the default voice and format, and links to the stored mp3', async () => {
    const answer = await aitools.run('text_to_speech', { inputs: { text: '你好，世界' }, models: { speech: 'p1/tts-1' } });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs).toMatchObject({ format: 'mp3', contentType: 'audio/mpeg', size: fakeSpeech('你好，世界', 'mp3').bytes.length });
    expect(answer.body.outputs.url).toMatch(/\/aitools\/v1\/files\/aitools\/space_a\/.+\.mp3\?expires=/);
    expect(fake.requests[0]).toMatchObject({ path: '/v1/audio/speech', body: { model: 'tts-1', input: '你好，世界', voice: 'alloy', response_format: 'mp3' } });
    const file = await download(answer.body.outputs.url);
    expect(file.headers.get('content-type')).toBe('audio/mpeg');
    expect(spokenText(file.bytes)).toBe('你好，世界');
  });

  test('passes voice, format, speed and instructions', async () => {
    const inputs = { text: 'slowly now', voice: 'nova', format: 'wav', speed: 0.5, instructions: 'whisper' };
    const answer = await aitools.run('text_to_speech', { inputs, models: { speech: 'p1/gpt-4o-mini-tts' } });
    expect(answer.status, answer.text).toBe(200);
    expect(fake.requests[0]?.body).toEqual({ model: 'gpt-4o-mini-tts', input: 'slowly now', voice: 'nova', response_format: 'wav', speed: 0.5, instructions: 'whisper' });
    const file = await download(answer.body.outputs.url);
    expect(file.headers.get('content-type')).toBe('audio/wav');
    expect(file.bytes).toEqual(fakeSpeech('slowly now', 'wav').bytes);
  });

  test('a format or speed out of range is a 400 naming the field', async () => {
    const answer = await aitools.run('text_to_speech', { inputs: { text: 'x', format: 'pcm', speed: 9 }, models: { speech: 'p1/tts-1' } });
    expect(answer.status).toBe(400);
    expect(answer.body.details.map((item: any) => item.field).sort()).toEqual(['inputs.format', 'inputs.speed']);
    expect(fake.requests).toEqual([]);
  });
});
