import { fakeImagePng, startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../../models/resolver.js';
import { download, startTestAitools, startWebServer, type AitoolsUnderTest } from '../../test-harness.js';

let fake: FakeOpenAI;
/** Reaches 127.0.0.1 (the fake's image URLs) through its egress allowlist. */
let aitools: AitoolsUnderTest;
/** The default egress rules: loopback refused. */
let guarded: AitoolsUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  aitools = await startTestAitools(fixedModels(fake.url, null), { EGRESS_ALLOW_HOSTS: '127.0.0.1' });
  guarded = await startTestAitools(fixedModels(fake.url, null));
});
afterEach(() => fake.reset());
afterAll(async () => {
  await aitools?.stop();
  await guarded?.stop();
  await fake?.close();
});

describe('image_generation', () => {
  test('a base64 image is stored and handed back as a signed link serving the very bytes', async () => {
    const started = Date.now();
    const answer = await aitools.run('image_generation', { inputs: { prompt: 'a red fox in snow', size: '1024x1024' }, models: { image: 'p1/gpt-image-1' } });
    expect(answer.status, answer.text).toBe(200);
    const { outputs } = answer.body;
    expect(answer.body.tool).toBe('image_generation');
    expect(outputs).toMatchObject({ contentType: 'image/png', size: fakeImagePng('a red fox in snow').length, revisedPrompt: 'a red fox in snow (revised)', markdown: `![](${outputs.url})` });
    expect(outputs.url).toMatch(new RegExp(`^${aitools.url}/aitools/v1/files/aitools/space_a/\\d{4}-\\d{2}-\\d{2}/f_[0-9a-f]{32}\\.png\\?expires=\\d+&signature=[0-9a-f]{64}$`));
    const expiresAt = Date.parse(outputs.expiresAt);
    expect(expiresAt - started).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(3600_000);
    expect(fake.requests[0]).toMatchObject({ path: '/v1/images/generations', body: { model: 'gpt-image-1', prompt: 'a red fox in snow', n: 1, size: '1024x1024' } });
    expect(fake.requests[0]?.body).not.toHaveProperty('response_format');

    const file = await download(outputs.url);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(fakeImagePng('a red fox in snow'));
    expect(file.headers.get('content-type')).toBe('image/png');
  });

  test('a URL answer (DALL·E) is downloaded through the egress client and stored', async () => {
    const answer = await aitools.run('image_generation', { inputs: { prompt: 'a lighthouse' }, models: { image: 'p1/dall-e-3' } });
    expect(answer.status, answer.text).toBe(200);
    expect(fake.requests.map((request) => request.path)).toEqual(['/v1/images/generations', '/v1/images/content']);
    expect((await download(answer.body.outputs.url)).bytes).toEqual(fakeImagePng('a lighthouse'));
  });

  test("a URL answer on a private address is refused like any user's URL would be", async () => {
    const answer = await guarded.run('image_generation', { inputs: { prompt: 'a lighthouse' }, models: { image: 'p1/dall-e-3' } });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'egress_blocked', message: expect.stringContaining('EGRESS_ALLOW_HOSTS') });
    expect(fake.requests.map((request) => request.path)).toEqual(['/v1/images/generations']);
  });

  test("each space's files are kept apart", async () => {
    const answer = await aitools.run('image_generation', { inputs: { prompt: 'x' }, models: { image: 'p1/gpt-image-1' } }, { space: 'space_b' });
    expect(answer.body.outputs.url).toContain('/aitools/v1/files/aitools/space_b/');
  });

  test("the provider's refusal is a 502 model_error with its message", async () => {
    const locked = await startFakeOpenAI({ apiKey: 'sk-right' });
    const wrongKey = await startTestAitools(fixedModels(locked.url, 'sk-wrong'));
    try {
      const answer = await wrongKey.run('image_generation', { inputs: { prompt: 'x' }, models: { image: 'p1/gpt-image-1' } });
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ code: 'model_error', details: { upstreamStatus: 401 } });
      expect(answer.body.message).toContain('answered 401');
      expect(answer.body.message).toContain('Incorrect API key');
    } finally {
      await wrongKey.stop();
      await locked.close();
    }
  });

  test('an answer that is not a PNG, JPEG, WebP or GIF (an SVG that could run script) is refused, not stored', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    const provider = await startWebServer({ '/v1/images/generations': { type: 'application/json', body: JSON.stringify({ data: [{ b64_json: svg }] }) } });
    const odd = await startTestAitools(fixedModels(`${provider.url}/v1`, null));
    try {
      const answer = await odd.run('image_generation', { inputs: { prompt: 'x' }, models: { image: 'p1/svg-maker' } });
      expect(answer.status).toBe(502);
      expect(answer.body).toMatchObject({ code: 'model_error', message: 'the model svg-maker answered something that is not a PNG, JPEG, WebP or GIF image' });
      expect(await odd.service.runtime.store.list('aitools/')).toEqual([]);
    } finally {
      await odd.stop();
      await provider.close();
    }
  });

  test('an unreachable provider is a 502 model_unreachable', async () => {
    const gone = await startFakeOpenAI();
    const address = gone.url;
    await gone.close();
    const orphan = await startTestAitools(fixedModels(address, null));
    try {
      const answer = await orphan.run('image_generation', { inputs: { prompt: 'x' }, models: { image: 'p1/gpt-image-1' } });
      expect(answer.status).toBe(502);
      expect(answer.body.code).toBe('model_unreachable');
    } finally {
      await orphan.stop();
    }
  });
});
