import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { greetingDocument, startEchoMcp, startGreetingApi, type TestTarget } from './test-harness.js';

let hub: HubUnderTest;
let fake: FakeOpenAI;
let api: TestTarget;
let mcp: TestTarget;
let owner: Browser;
let viewer: Browser;
let providerId: string;
let spaceId: string;

/** A team space with its owner and a viewer, both in it. */
async function teamWithViewer(label: string): Promise<{ owner: Browser; viewer: Browser; spaceId: string }> {
  const teamOwner = await hub.signUp(`${label}-owner@example.com`);
  const space = await teamOwner.call('POST', '/api/spaces', { name: `${label} team` });
  expect(space.status).toBe(201);
  const invited = await teamOwner.call('POST', '/api/invitations', { email: `${label}-viewer@example.com`, role: 'viewer' });
  const teamViewer = await hub.signUp(`${label}-viewer@example.com`);
  const accepted = await teamViewer.call('POST', '/api/invitations/accept', { token: new URL(invited.body.acceptUrl as string).searchParams.get('token') });
  expect(accepted.status).toBe(200);
  expect((await teamViewer.call('POST', '/api/me/space', { spaceId: space.body.id })).status).toBe(200);
  return { owner: teamOwner, viewer: teamViewer, spaceId: space.body.id as string };
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-plugins' });
  api = await startGreetingApi();
  mcp = await startEchoMcp();
  hub = await startTestHub({}, {}, {}, {}, { plugins: true });
  ({ owner, viewer, spaceId } = await teamWithViewer('plugins'));
  const provider = await owner.call('POST', '/api/providers', {
    name: 'fake',
    baseUrl: fake.url,
    apiKey: 'sk-plugins',
    models: [
      { id: 'fake-chat', kind: 'chat' },
      { id: 'fake-image', kind: 'other' },
    ],
  });
  expect(provider.status, provider.text).toBe(201);
  providerId = provider.body.id as string;
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  await api?.close();
  await mcp?.close();
  await fake?.close();
});

describe('tool sets through the hub', () => {
  test('import, read, edit, publish, test-run and delete; the viewer reads but cannot change', async () => {
    const created = await owner.call('POST', '/api/plugins/tool-sets', { source: { text: greetingDocument(api.url) } });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'Greetings', operations: [{ operationId: 'greetPerson' }] });
    const id = created.body.id as string;
    const path = `/api/plugins/tool-sets/${id}`;

    expect((await viewer.call('GET', '/api/plugins/tool-sets')).body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await viewer.call('GET', path)).body.operations).toHaveLength(1);
    const refused = await viewer.call('PATCH', path, { name: 'viewer edit' });
    expect(refused.status).toBe(403);

    expect((await owner.call('PATCH', path, { name: 'Greeter' })).body.name).toBe('Greeter');
    const document = await owner.call('GET', `${path}/document?version=draft`);
    expect(document.status).toBe(200);
    expect(document.text).toContain('greetPerson');

    const published = await owner.call('POST', `${path}/versions`);
    expect(published.status, published.text).toBe(201);
    expect(published.body.version).toBe('v1');
    expect((await owner.call('GET', `${path}/versions`)).body.items).toHaveLength(1);
    expect((await owner.call('GET', `${path}/versions/v1`)).body.operations[0].operationId).toBe('greetPerson');

    const run = await owner.call('POST', `${path}/test-run`, { operationId: 'greetPerson', inputs: { name: 'Ada' } });
    expect(run.status, run.text).toBe(200);
    expect(run.body.response.status).toBe(200);
    expect(JSON.parse(run.body.response.body as string)).toEqual({ greeting: 'hello Ada' });
    expect((await viewer.call('POST', `${path}/test-run`, { operationId: 'greetPerson', inputs: { name: 'Ada' } })).status).toBe(403);

    // The link service's refusals come through with their code.
    const broken = await owner.call('POST', '/api/plugins/tool-sets', { source: { text: 'not a document' } });
    expect(broken.status).toBe(422);
    expect(broken.body.code).toMatch(/^document_/);

    const audit = await owner.call('GET', '/api/audit?limit=50');
    expect(audit.body.items.map((event: { action: string }) => event.action)).toEqual(expect.arrayContaining(['tool_set.created', 'tool_set.updated', 'tool_set.published']));

    expect((await owner.call('DELETE', path)).status).toBe(204);
    expect((await owner.call('GET', path)).status).toBe(404);
  });
});

describe('MCP servers through the hub', () => {
  test('register, list tools, call one, edit and remove', async () => {
    const created = await owner.call('POST', '/api/plugins/mcp-servers', { name: 'Echo', url: `${mcp.url}/mcp`, bearerToken: 'mcp-secret' });
    expect(created.status, created.text).toBe(201);
    expect(created.text).not.toContain('mcp-secret');
    const path = `/api/plugins/mcp-servers/${created.body.id as string}`;

    const tools = await viewer.call('GET', `${path}/tools?refresh=true`);
    expect(tools.status, tools.text).toBe(200);
    expect(tools.body.tools.map((tool: { name: string }) => tool.name)).toEqual(['echo']);
    const call = await owner.call('POST', `${path}/call`, { tool: 'echo', arguments: { text: 'ping' } });
    expect(call.status, call.text).toBe(200);
    expect(call.body.content).toEqual([{ type: 'text', text: 'echo: ping' }]);
    expect((await viewer.call('POST', `${path}/call`, { tool: 'echo', arguments: { text: 'ping' } })).status).toBe(403);

    expect((await owner.call('PATCH', path, { description: 'echoes' })).body.description).toBe('echoes');
    expect((await owner.call('GET', '/api/plugins/mcp-servers')).body.items).toHaveLength(1);
    // Only remote servers: a local command is refused by the link service, naming the field.
    expect((await owner.call('POST', '/api/plugins/mcp-servers', { name: 'local', url: `${mcp.url}/mcp`, command: 'rm -rf /' })).status).toBe(400);
    expect((await owner.call('DELETE', path)).status).toBe(204);
    expect((await owner.call('GET', path)).status).toBe(404);
  });
});

describe('AI tool models', () => {
  test('chat defaults to the space default; models must be the space providers’; the viewer cannot change them', async () => {
    expect((await owner.call('PUT', '/api/providers/defaults', { chatModel: `${providerId}/fake-chat` })).status).toBe(200);
    const initial = await viewer.call('GET', '/api/plugins/ai-tools');
    expect(initial.status, initial.text).toBe(200);
    expect(initial.body.models).toEqual({ image: null, speech: null, transcription: null, vision: null, chat: `${providerId}/fake-chat` });
    const byName = (body: { tools: { name: string; available: boolean }[] }) => Object.fromEntries(body.tools.map((tool) => [tool.name, tool.available]));
    expect(byName(initial.body)).toMatchObject({ image_generation: false, translation: true });

    const set = await owner.call('PUT', '/api/plugins/ai-tools/models', { image: `${providerId}/fake-image` });
    expect(set.status, set.text).toBe(200);
    expect(set.body.models.image).toBe(`${providerId}/fake-image`);
    expect(byName(set.body)).toMatchObject({ image_generation: true });

    const unknownModel = await owner.call('PUT', '/api/plugins/ai-tools/models', { vision: `${providerId}/no-such-model` });
    expect(unknownModel).toMatchObject({ status: 400, body: { code: 'unknown_model', details: [{ field: 'vision' }] } });
    const other = await hub.signUp('other-models@example.com');
    const otherProvider = await other.call('POST', '/api/providers', { name: 'theirs', baseUrl: fake.url, apiKey: 'sk-plugins', models: [{ id: 'their-image', kind: 'other' }] });
    const foreign = await owner.call('PUT', '/api/plugins/ai-tools/models', { image: `${otherProvider.body.id as string}/their-image` });
    expect(foreign).toMatchObject({ status: 400, body: { code: 'unknown_model', details: [{ field: 'image' }] } });
    expect((await owner.call('PUT', '/api/plugins/ai-tools/models', { sound: 'x/y' })).status).toBe(400);
    expect((await viewer.call('PUT', '/api/plugins/ai-tools/models', { image: null })).status).toBe(403);

    expect((await owner.call('PUT', '/api/plugins/ai-tools/models', { image: null })).body.models.image).toBeNull();
    // Another space sees none of this space's choices.
    expect((await other.call('GET', '/api/plugins/ai-tools')).body.models).toEqual({ image: null, speech: null, transcription: null, vision: null, chat: null });
  });
});

describe('RPA token', () => {
  test('stored sealed, never shown, removable; the viewer cannot set it', async () => {
    expect((await viewer.call('GET', '/api/plugins/rpa')).body).toEqual({ configured: true, reachable: true, tokenSet: false });
    const set = await owner.call('PUT', '/api/plugins/rpa', { token: 'rpa-platform-secret' });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ configured: true, reachable: true, tokenSet: true });
    const row = await hub.context.db.kysely.selectFrom('space_plugin_settings').selectAll().where('space_id', '=', spaceId).executeTakeFirstOrThrow();
    expect(row.rpa_token_sealed).not.toBeNull();
    expect(row.rpa_token_sealed).not.toContain('rpa-platform-secret');
    expect(hub.context.keyring.decrypt(row.rpa_token_sealed as string)).toBe('rpa-platform-secret');
    expect((await viewer.call('PUT', '/api/plugins/rpa', { token: 'viewer token' })).status).toBe(403);
    expect((await owner.call('PUT', '/api/plugins/rpa', { token: '' })).status).toBe(400);
    expect((await owner.call('PUT', '/api/plugins/rpa', { token: null })).body).toEqual({ configured: true, reachable: true, tokenSet: false });
  });

  test('an RPA service that cannot be reached is reported as not configured', async () => {
    const url = hub.context.config.rpaUrl;
    hub.context.config.rpaUrl = 'http://127.0.0.1:9';
    try {
      expect((await owner.call('GET', '/api/plugins/rpa')).body).toMatchObject({ configured: false, reachable: false });
    } finally {
      hub.context.config.rpaUrl = url;
    }
  });
});
