import { fakeImagePng, spokenText, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../models/resolver.js';
import { download, startTestAitools, startWebServer, type AitoolsUnderTest, type WebServer } from '../test-harness.js';

const models = { image: 'p1/gpt-image-1', speech: 'p1/tts-1', vision: 'p1/gpt-4o' };

let fake: FakeOpenAI;
let aitools: AitoolsUnderTest;
let web: WebServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null), { EGRESS_ALLOW_HOSTS: '127.0.0.1' });
  web = await startWebServer({ '/receipt.png': { type: 'image/png', body: fakeImagePng('receipt') } });
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await web?.close();
  await fake?.close();
});

const post = (path: string, body: unknown) => aitools.call('POST', path, { body });

describe("the original astron-agent's aitools routes", () => {
  test('image_generate answers {code: 0, data: {image_url, image_url_md}, sid}', async () => {
    const answer = await post('/aitools/v1/image_generate', { prompt: 'a boat', width: 512, height: 768, models });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ code: 0, message: 'success', sid: answer.headers.get('x-request-id') });
    const { image_url: imageUrl, image_url_md: markdown } = answer.body.data;
    expect(markdown).toBe(`![](${imageUrl})`);
    expect((await download(imageUrl)).bytes).toEqual(fakeImagePng('a boat'));
    expect(fake.requests[0]?.body).toMatchObject({ prompt: 'a boat', size: '512x768' });
  });

  test('smarttts maps vcn to the voice and the 0-100 speed to the model’s, and answers voice_url', async () => {
    const answer = await post('/aitools/v1/smarttts', { text: '欢迎光临', vcn: 'x4_lingxiaoxuan_oral', speed: 75, models });
    expect(answer.body).toMatchObject({ code: 0, message: 'success' });
    expect(fake.requests[0]?.body).toMatchObject({ input: '欢迎光临', voice: 'x4_lingxiaoxuan_oral', speed: 1.5, response_format: 'mp3' });
    expect(spokenText((await download(answer.body.data.voice_url)).bytes)).toBe('欢迎光临');
    const empty = await post('/aitools/v1/smarttts', { text: '', vcn: 'x', models });
    expect(empty.body).toMatchObject({ code: 46000 });
  });

  test('image_understanding answers data.content, ocr the text itself', async () => {
    fake.script({ content: 'A receipt.' });
    const understood = await post('/aitools/v1/image_understanding', { question: 'What is this?', image_url: `${web.url}/receipt.png`, models });
    expect(understood.body).toMatchObject({ code: 0, data: { content: 'A receipt.' } });
    fake.script({ content: 'TOTAL 12.00' });
    const read = await post('/aitools/v1/ocr', { file_url: `${web.url}/receipt.png`, page_start: 0, page_end: 1, models });
    expect(read.body).toMatchObject({ code: 0, data: 'TOTAL 12.00' });
  });

  test("failures keep the original's codes, with our message", async () => {
    const noModel = await post('/aitools/v1/image_generate', { prompt: 'a boat' });
    expect(noModel.status).toBe(200);
    expect(noModel.body).toMatchObject({ code: 45100, message: expect.stringContaining('models.image') });
    const blocked = await post('/aitools/v1/ocr', { file_url: 'http://169.254.169.254/latest', models });
    expect(blocked.body).toMatchObject({ code: 45000, message: expect.stringContaining('refused') });
    const missingField = await post('/aitools/v1/image_understanding', { question: 'x', models });
    expect(missingField.status).toBe(400);
    expect(missingField.body.code).toBe('validation_failed');
    expect(fake.requests).toEqual([]);
  });
});
