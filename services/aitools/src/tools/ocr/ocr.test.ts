import { fakeImagePng, startFakeOpenAI, type ChatRequest, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { runForm, startTestAitools, type AitoolsUnderTest } from '../../test-harness.js';

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

describe('ocr', () => {
  test('has the vision model transcribe the text of an uploaded image', async () => {
    fake.script({ match: (request) => JSON.stringify(request.messages[0]?.content ?? '').startsWith('"You are an OCR engine'), content: 'INVOICE 42\nTotal: 10 EUR' });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);
    const answer = await aitools.run('ocr', runForm({ language: 'German' }, { vision: 'p1/qwen-vl' }, { name: 'scan.jpg', bytes: jpeg }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs).toEqual({ text: 'INVOICE 42\nTotal: 10 EUR' });
    const request = fake.requests[0]?.body as ChatRequest;
    expect(request.model).toBe('qwen-vl');
    expect(JSON.stringify(request.messages[1]?.content)).toContain('it is written in German');
    expect(JSON.stringify(request.messages[1]?.content)).toContain(`data:image/jpeg;base64,${jpeg.toString('base64')}`);
  });

  test('without a vision model nothing is read and the message names the setting', async () => {
    const answer = await aitools.run('ocr', runForm({}, { chat: 'p1/gpt-4o-mini' }, { name: 'a.png', bytes: fakeImagePng('x') }));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'model_not_configured', message: expect.stringContaining('models.vision') });
    expect(fake.requests).toEqual([]);
  });
});
