import { createServer } from 'node:net';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';

const PROVIDER_KEY = 'sk-plaintext-provider-key-7f3a9c';
const HEADER_SECRET = 'header-secret-value-52bd1e';

let fake: FakeOpenAI;
let hub: HubUnderTest;
let alice: Browser;
let bob: Browser;
/** Every answer of every provider route, to prove the secrets never leave. */
const answers: string[] = [];

async function call(browser: Browser, method: string, path: string, body?: unknown) {
  const response = await browser.call(method, path, body);
  answers.push(response.text);
  return response;
}

async function closedPort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: PROVIDER_KEY });
  hub = await startTestHub();
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await fake?.close();
});

describe('model providers', () => {
  let providerId: string;

  test('a provider is created with its key and headers sealed, and answers without them', async () => {
    const created = await call(alice, 'POST', '/api/providers', {
      name: 'Fake',
      baseUrl: fake.url,
      apiKey: PROVIDER_KEY,
      headers: { 'x-org-token': HEADER_SECRET },
      models: [{ id: 'my-entered-model', kind: 'other' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Fake', baseUrl: fake.url, hasApiKey: true, headerNames: ['x-org-token'], lastTest: null });
    expect(created.body.models).toEqual([{ id: 'my-entered-model', kind: 'other', source: 'entered' }]);
    providerId = created.body.id;

    const row = await hub.context.db.kysely.selectFrom('providers').selectAll().where('id', '=', providerId).executeTakeFirstOrThrow();
    expect(row.api_key_sealed).toMatch(new RegExp(`^v1\\.${hub.context.keyring.currentKeyId}\\.`));
    expect(JSON.stringify(row)).not.toContain(PROVIDER_KEY);
    expect(JSON.stringify(row)).not.toContain(HEADER_SECRET);
  });

  test('models are fetched from <baseUrl>/models with the key and headers; kinds are guessed and entered ones kept', async () => {
    const refreshed = await call(alice, 'POST', `/api/providers/${providerId}/models/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.models).toEqual([
      { id: 'my-entered-model', kind: 'other', source: 'entered' },
      { id: 'fake-chat', kind: 'chat', source: 'fetched' },
      { id: 'fake-embedding', kind: 'embedding', source: 'fetched' },
    ]);
    const listing = fake.requests.find((request) => request.path === '/v1/models');
    expect(listing?.headers.authorization).toBe(`Bearer ${PROVIDER_KEY}`);
    expect(listing?.headers['x-org-token']).toBe(HEADER_SECRET);

    // A corrected kind survives the next refresh.
    const edited = await call(alice, 'PATCH', `/api/providers/${providerId}`, {
      models: [...refreshed.body.models.map((model: { id: string; kind: string }) => ({ id: model.id, kind: model.id === 'fake-chat' ? 'other' : model.kind }))],
    });
    expect(edited.body.models[1]).toEqual({ id: 'fake-chat', kind: 'other', source: 'fetched' });
    const again = await call(alice, 'POST', `/api/providers/${providerId}/models/refresh`);
    expect(again.body.models[1]).toEqual({ id: 'fake-chat', kind: 'other', source: 'fetched' });
    await call(alice, 'PATCH', `/api/providers/${providerId}`, { models: refreshed.body.models });
  });

  test('test connection lists models and sends a one-token chat completion, and stores the result', async () => {
    fake.reset();
    const result = await call(alice, 'POST', `/api/providers/${providerId}/test`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ok: true, modelCount: 2 });
    expect(result.body.message).toContain('fake-chat');
    expect(result.body.latencyMs).toBeGreaterThanOrEqual(0);
    const chat = fake.requests.find((request) => request.path === '/v1/chat/completions');
    expect(chat?.body).toMatchObject({ model: 'fake-chat', max_tokens: 1 });
    const stored = await call(alice, 'GET', `/api/providers/${providerId}`);
    expect(stored.body.lastTest).toMatchObject({ ok: true });
  });

  test('failures say what is wrong: a refused key, and nothing listening', async () => {
    await call(alice, 'PATCH', `/api/providers/${providerId}`, { apiKey: 'sk-wrong' });
    const refused = await call(alice, 'POST', `/api/providers/${providerId}/test`);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.message).toContain('the provider refused the API key');
    const stored = await call(alice, 'GET', `/api/providers/${providerId}`);
    expect(stored.body.lastTest).toMatchObject({ ok: false });
    expect(stored.body.lastTest.message).toContain('refused the API key');
    await call(alice, 'PATCH', `/api/providers/${providerId}`, { apiKey: PROVIDER_KEY });

    const port = await closedPort();
    const dead = await call(alice, 'POST', '/api/providers', { name: 'Dead', baseUrl: `http://127.0.0.1:${port}/v1` });
    const unreachable = await call(alice, 'POST', `/api/providers/${dead.body.id}/test`);
    expect(unreachable.body).toMatchObject({ ok: false, modelCount: 0 });
    expect(unreachable.body.message).toContain('connection refused');
    const refresh = await call(alice, 'POST', `/api/providers/${dead.body.id}/models/refresh`);
    expect(refresh.status).toBe(502);
    expect(refresh.body.code).toBe('provider_unreachable');
    expect((await call(alice, 'DELETE', `/api/providers/${dead.body.id}`)).status).toBe(204);
  });

  test('moving a provider to another host needs its key again, so the key cannot be sent elsewhere', async () => {
    const moved = await call(alice, 'PATCH', `/api/providers/${providerId}`, { baseUrl: 'https://collector.example/v1' });
    expect(moved.status).toBe(400);
    expect(moved.body.code).toBe('credentials_required');
    expect(moved.body.message).toContain('apiKey and headers');
    const samePlace = await call(alice, 'PATCH', `/api/providers/${providerId}`, { baseUrl: `${fake.url}/` });
    expect(samePlace.status).toBe(200);
    await call(alice, 'PATCH', `/api/providers/${providerId}`, { baseUrl: fake.url });
  });

  test('bad input is refused field by field', async () => {
    const bad = await call(alice, 'POST', '/api/providers', { name: '', baseUrl: 'ftp://x', headers: { 'bad header': 'v' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  test('defaults name a model of a provider of this space, and go when the provider goes', async () => {
    const defaults = { chatModel: `${providerId}/fake-chat`, embeddingModel: `${providerId}/fake-embedding` };
    const set = await call(alice, 'PUT', '/api/providers/defaults', defaults);
    expect(set.status).toBe(200);
    expect(set.body).toEqual(defaults);
    expect((await call(alice, 'GET', '/api/providers')).body.defaults).toEqual(defaults);

    const unknownModel = await call(alice, 'PUT', '/api/providers/defaults', { chatModel: `${providerId}/nope` });
    expect(unknownModel.status).toBe(400);
    expect(unknownModel.body.code).toBe('unknown_model');
    const wrongKind = await call(alice, 'PUT', '/api/providers/defaults', { chatModel: `${providerId}/fake-embedding` });
    expect(wrongKind.body.code).toBe('wrong_model_kind');
    // Bob's space has no such provider.
    const foreign = await call(bob, 'PUT', '/api/providers/defaults', { chatModel: `${providerId}/fake-chat` });
    expect(foreign.status).toBe(400);
    expect((await call(bob, 'GET', '/api/providers')).body).toEqual({ items: [], defaults: { chatModel: null, embeddingModel: null } });
  });

  test("another space's provider is not found by any route", async () => {
    for (const [method, path, body] of [
      ['GET', `/api/providers/${providerId}`],
      ['PATCH', `/api/providers/${providerId}`, { name: 'stolen' }],
      ['POST', `/api/providers/${providerId}/test`],
      ['POST', `/api/providers/${providerId}/models/refresh`],
      ['DELETE', `/api/providers/${providerId}`],
    ] as const) {
      const response = await call(bob, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect((await call(alice, 'GET', `/api/providers/${providerId}`)).body.name).toBe('Fake');
  });

  test('deleting a provider clears the defaults that named it; every change is audited without secrets', async () => {
    expect((await call(alice, 'DELETE', `/api/providers/${providerId}`)).status).toBe(204);
    expect((await call(alice, 'GET', '/api/providers')).body).toEqual({ items: [], defaults: { chatModel: null, embeddingModel: null } });

    const events = await hub.context.db.kysely.selectFrom('audit_events').selectAll().where('space_id', '=', alice.personalSpaceId).execute();
    const actions = new Set(events.map((event) => event.action));
    for (const action of ['provider.created', 'provider.updated', 'provider.deleted', 'provider.defaults_changed']) expect(actions).toContain(action);
    const trail = JSON.stringify(events);
    expect(trail).not.toContain(PROVIDER_KEY);
    expect(trail).not.toContain(HEADER_SECRET);
  });

  test('no answer of any provider route ever carried the key or a header value', () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const text of answers) {
      expect(text).not.toContain(PROVIDER_KEY);
      expect(text).not.toContain(HEADER_SECRET);
    }
  });
});
