import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { fixedModels } from '../models/resolver.js';
import { runForm, startTestAitools, type AitoolsUnderTest } from '../test-harness.js';

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

describe('GET /aitools/v1/tools', () => {
  test('lists every tool with its schemas, and says which need a model the call did not name', async () => {
    const answer = await aitools.call('GET', '/aitools/v1/tools?image=p1/gpt-image-1&chat=p1/gpt-4o-mini');
    expect(answer.status, answer.text).toBe(200);
    const byName = Object.fromEntries(answer.body.tools.map((tool: any) => [tool.name, tool]));
    expect(Object.keys(byName)).toEqual(['image_generation', 'text_to_speech', 'speech_to_text', 'image_understanding', 'ocr', 'translation', 'web_reader']);
    expect(byName.image_generation).toMatchObject({ available: true, message: null, missingModels: [], models: { required: ['image'], optional: [] }, upload: null });
    expect(byName.image_generation.inputSchema).toMatchObject({ type: 'object', required: ['prompt'], properties: { prompt: { type: 'string' }, size: { type: 'string' } } });
    expect(byName.image_generation.outputSchema.required).toEqual(expect.arrayContaining(['url', 'expiresAt', 'markdown']));
    expect(byName.translation.available).toBe(true);
    // Defaults are optional for the caller.
    expect(byName.text_to_speech.inputSchema.required).toEqual(['text']);
    expect(byName.text_to_speech).toMatchObject({ available: false, missingModels: [{ slot: 'speech', required: true }] });
    expect(byName.text_to_speech.message).toMatch(/no speech model is configured for this space.*\/audio\/speech.*models\.speech/);
    expect(byName.ocr).toMatchObject({ available: false, upload: { field: 'file', replaces: 'imageUrl', accepts: 'image/*' } });
    expect(byName.ocr.message).toContain('no vision model');
    expect(byName.web_reader).toMatchObject({ available: true, message: null, missingModels: [] });
  });

  test("the web reader stays available without a chat model, which only its summaries need", async () => {
    const answer = await aitools.call('GET', '/aitools/v1/tools');
    const reader = answer.body.tools.find((tool: any) => tool.name === 'web_reader');
    expect(reader).toMatchObject({ available: true, missingModels: [{ slot: 'chat', required: false, message: expect.stringContaining('no chat model') }] });
    expect(answer.body.tools.filter((tool: any) => tool.available).map((tool: any) => tool.name)).toEqual(['web_reader']);
  });

  test('a model reference that is not <providerId>/<modelId>, or an unknown kind, is a 400 naming it', async () => {
    const bad = await aitools.call('GET', '/aitools/v1/tools?image=gpt-image-1');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('image') });
    const unknown = await aitools.call('GET', '/aitools/v1/tools?painting=p1/x');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('painting');
  });
});

describe('service token', () => {
  test('every route but the probes and the signed files needs one naming a space', async () => {
    const none = await aitools.call('GET', '/aitools/v1/tools', { space: false });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('missing_service_token');
    const run = await aitools.run('translation', { inputs: { text: 'x', target: 'fr' } }, { space: false });
    expect(run.status).toBe(401);
    expect((await aitools.call('GET', '/aitools/v1/tools', { space: null })).body.code).toBe('space_required');
    const forged = await aitools.call('GET', '/aitools/v1/tools', { space: false, headers: { authorization: 'Service forged.token' } });
    expect(forged.status).toBe(401);
    expect((await aitools.call('GET', '/health', { space: false })).status).toBe(200);
    expect((await aitools.call('GET', '/ready', { space: false })).status).toBe(200);
    const openapi = await aitools.call('GET', '/openapi.json', { space: false });
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/aitools/v1/tools', '/aitools/v1/tools/{name}/run', '/aitools/v1/image_generate']));
  });
});

describe('POST /aitools/v1/tools/{name}/run: what is refused before any model is called', () => {
  test('an unknown tool is a 404', async () => {
    const answer = await aitools.run('teleport', { inputs: {} });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'not_found', message: 'tool teleport not found' });
  });

  test('inputs that do not fit the schema are a 400 naming each field', async () => {
    const answer = await aitools.run('translation', { inputs: { text: '', target: 'fr', extra: 1 }, models: { chat: 'p1/gpt' } });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('validation_failed');
    expect(answer.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'inputs.text' })]));
    const size = await aitools.run('image_generation', { inputs: { prompt: 'x', size: 'huge' }, models: { image: 'p1/gpt-image-1' } });
    expect(size.body.details).toEqual([{ field: 'inputs.size', message: 'expected WIDTHxHEIGHT such as 1024x1024' }]);
    const unknownField = await aitools.run('translation', { input: { text: 'x' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.text).toContain('input');
  });

  test("a tool without its model is a 400 saying which setting is missing", async () => {
    const answer = await aitools.run('translation', { inputs: { text: 'bonjour', target: 'English' }, models: { image: 'p1/gpt-image-1' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'model_not_configured', details: { tool: 'translation', slot: 'chat' } });
    expect(answer.body.message).toContain("the space's default chat model (models.chat");
    const badReference = await aitools.run('translation', { inputs: { text: 'x', target: 'fr' }, models: { chat: 'no-provider' } });
    expect(badReference.status).toBe(400);
    expect(badReference.body.details).toEqual([expect.objectContaining({ field: 'body.models.chat' })]);
    expect(fake.requests).toEqual([]);
  });

  test('a file is accepted only by tools that read one; a form needs JSON fields', async () => {
    const upload = await aitools.run('translation', runForm({ text: 'x', target: 'fr' }, { chat: 'p1/gpt' }, { name: 'a.txt', bytes: Buffer.from('x') }));
    expect(upload.status).toBe(400);
    expect(upload.body.code).toBe('upload_not_accepted');
    const form = new FormData();
    form.append('inputs', '{not json');
    const notJson = await aitools.run('ocr', form);
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toContain('"inputs" is not JSON');
    const extra = runForm({}, {});
    extra.append('comment', 'hi');
    expect((await aitools.run('ocr', extra)).body.message).toContain('unknown multipart fields comment');
  });
});
