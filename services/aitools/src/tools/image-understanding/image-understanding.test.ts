import { fakeImagePng, lastUserText, startFakeOpenAI, type ChatRequest, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { runForm, startTestAitools, startWebServer, type AitoolsUnderTest, type WebServer } from '../../test-harness.js';

const models = { vision: 'p1/gpt-4o', image: 'p1/gpt-image-1' };
const cat = fakeImagePng('a cat');

let fake: FakeOpenAI;
let aitools: AitoolsUnderTest;
let web: WebServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null), { EGRESS_ALLOW_HOSTS: '127.0.0.1' });
  web = await startWebServer({
    // Declared as text: the bytes decide what a file is.
    '/cat': { type: 'text/plain', body: cat },
    '/page.html': { type: 'text/html', body: '<html><body>hello</body></html>' },
  });
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await web?.close();
  await fake?.close();
});

/** The image parts the model was sent. */
function imagesSent(request: ChatRequest): string[] {
  const parts = request.messages.flatMap((message) => (Array.isArray(message.content) ? (message.content as { type: string; image_url?: { url: string } }[]) : []));
  return parts.filter((part) => part.type === 'image_url').map((part) => part.image_url?.url ?? '');
}

describe('image_understanding', () => {
  test('asks the vision model about an uploaded image, sent inline', async () => {
    fake.script({ match: (request) => lastUserText(request) === 'What animal is this?', content: 'A cat.', usage: { prompt_tokens: 90, completion_tokens: 3 } });
    const answer = await aitools.run('image_understanding', runForm({ question: 'What animal is this?' }, models, { name: 'x', bytes: cat }));
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toMatchObject({ tool: 'image_understanding', outputs: { text: 'A cat.' }, usage: { prompt_tokens: 90, completion_tokens: 3 } });
    const request = fake.requests[0]?.body as ChatRequest;
    expect(request).toMatchObject({ model: 'gpt-4o', temperature: 0 });
    expect(imagesSent(request)).toEqual([`data:image/png;base64,${cat.toString('base64')}`]);
  });

  test('fetches an image by URL through the egress client and sends it inline, not its address', async () => {
    const answer = await aitools.run('image_understanding', { inputs: { question: 'Colours?', imageUrl: `${web.url}/cat` }, models });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.outputs.text).toBe('echo: Colours?');
    expect(imagesSent(fake.requests[0]?.body as ChatRequest)).toEqual([`data:image/png;base64,${cat.toString('base64')}`]);
  });

  test('an image this service generated for the space can be asked about by its link', async () => {
    const generated = await aitools.run('image_generation', { inputs: { prompt: 'a cat' }, models });
    const answer = await aitools.run('image_understanding', { inputs: { question: 'What is it?', imageUrl: generated.body.outputs.url }, models });
    expect(answer.status, answer.text).toBe(200);
    expect(imagesSent(fake.requests[1]?.body as ChatRequest)).toEqual([`data:image/png;base64,${cat.toString('base64')}`]);
  });

  test('a page is not an image (415); the question is required (400)', async () => {
    const page = await aitools.run('image_understanding', { inputs: { question: 'What?', imageUrl: `${web.url}/page.html` }, models });
    expect(page.status).toBe(415);
    expect(page.body.message).toContain('is not a PNG, JPEG, WebP or GIF image');
    const noQuestion = await aitools.run('image_understanding', { inputs: { imageUrl: `${web.url}/cat` }, models });
    expect(noQuestion.status).toBe(400);
    expect(noQuestion.body.details[0].field).toBe('inputs.question');
    expect(fake.requests).toEqual([]);
  });

  test("the vision model's failure is a 502 with its message", async () => {
    fake.script({ error: { status: 400, message: 'this model does not take images' } });
    const answer = await aitools.run('image_understanding', runForm({ question: 'What?' }, models, { name: 'x.png', bytes: cat }));
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ code: 'model_error', message: expect.stringContaining('this model does not take images') });
  });
});
