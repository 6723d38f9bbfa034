import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { echoDocument, petstore } from '../testing/documents.js';
import { startFakeTarget, type FakeTarget } from '@astron/testing/fake-target';
import { openTestGround, startTestLink, type LinkUnderTest, type TestGround } from '../test-harness.js';

let ground: TestGround;
let link: LinkUnderTest;
let target: FakeTarget;

beforeAll(async () => {
  ground = await openTestGround();
  target = await startFakeTarget();
  // The fake target is on loopback: this file allows exactly that network, nothing else.
  link = await startTestLink(ground, { env: { EGRESS_ALLOW_HOSTS: '127.0.0.1/32' } });
});

afterAll(async () => {
  await link?.stop();
  await target?.close();
  await ground?.close();
});

const importEcho = async (extra: Record<string, unknown> = {}) => {
  const created = await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: JSON.stringify(echoDocument(target.origin)) }, ...extra } });
  expect(created.status).toBe(201);
  return created.body;
};

describe('tool sets', () => {
  test('import by text: operations with schemas; list, read, rename; another space sees nothing', async () => {
    const created = await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: JSON.stringify(petstore()) } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^tool@[0-9a-f]{16}$/),
      name: 'Pet store',
      description: 'Pets to look up and add',
      format: 'openapi-3.0',
      serverUrl: 'https://pets.example.com/v1',
      operationCount: 3,
      latestVersion: null,
      auth: { type: 'none' },
      source: { kind: 'text', url: null },
      skipped: [{ operation: 'PUT /pets/{petId}/photo', reason: expect.any(String) }],
      createdBy: 'user:usr_1',
    });
    expect(created.body.operations[0]).toMatchObject({ operationId: 'getPet', method: 'GET', path: '/pets/{petId}', inputSchema: { required: ['petId'] } });
    const { id } = created.body;
    expect((await link.call('GET', '/link/v1/tool-sets')).body.items.map((item: any) => item.id)).toContain(id);
    expect((await link.call('PATCH', `/link/v1/tool-sets/${id}`, { body: { name: 'Pets' } })).body.name).toBe('Pets');
    expect((await link.call('GET', `/link/v1/tool-sets/${id}/document`)).body.info.title).toBe('Pet store');
    expect(await link.call('GET', `/link/v1/tool-sets/${id}`, { space: 'space_b' })).toMatchObject({ status: 404, body: { code: 'tool_not_found' } });
    expect((await link.call('GET', '/link/v1/tool-sets', { space: 'space_b' })).body.items).toEqual([]);
    expect((await link.call('DELETE', `/link/v1/tool-sets/${id}`, { space: 'space_b' })).status).toBe(404);
    expect((await link.call('DELETE', `/link/v1/tool-sets/${id}`)).status).toBe(204);
    expect((await link.call('GET', `/link/v1/tool-sets/${id}`)).status).toBe(404);
  });

  test('import by URL through the egress client; re-import keeps the name; the server can be overridden and reset', async () => {
    target.documents.set('pets.json', { type: 'application/json', text: JSON.stringify(petstore(null)) });
    const created = await link.call('POST', '/link/v1/tool-sets', { body: { name: 'Mine', source: { url: `${target.origin}/docs/pets.json` } } });
    expect(created.body).toMatchObject({ name: 'Mine', serverUrl: `${target.origin}/`, source: { kind: 'url', url: `${target.origin}/docs/pets.json` } });
    const overridden = await link.call('PATCH', `/link/v1/tool-sets/${created.body.id}`, { body: { serverUrl: 'https://other.example.com/api' } });
    expect(overridden.body.serverUrl).toBe('https://other.example.com/api');
    const reset = await link.call('PATCH', `/link/v1/tool-sets/${created.body.id}`, { body: { serverUrl: null } });
    expect(reset.body.serverUrl).toBe(`${target.origin}/`);
    const reimported = await link.call('PATCH', `/link/v1/tool-sets/${created.body.id}`, { body: { source: { text: JSON.stringify(echoDocument(target.origin)) } } });
    expect(reimported.body).toMatchObject({ name: 'Mine', format: 'openapi-3.1', operationCount: 7 });
  });

  test('bad input names what is wrong; no service token, or a token without a space, is refused', async () => {
    const bad = await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: '' }, serverUrl: 'ftp://x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.message).toContain('serverUrl');
    expect((await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: '{"openapi":"3.0.0"}' } } })).body.code).toBe('document_invalid');
    expect((await link.call('GET', '/link/v1/tool-sets/not-a-tool')).status).toBe(400);
    expect(await link.call('GET', '/link/v1/tool-sets', { anonymous: true })).toMatchObject({ status: 401, body: { code: 'missing_service_token' } });
    expect(await link.call('GET', '/link/v1/tool-sets', { space: null })).toMatchObject({ status: 403, body: { code: 'space_required' } });
  });

  test('the probes and the API description need no token', async () => {
    expect((await link.call('GET', '/ready', { anonymous: true })).body).toMatchObject({ status: 'ready' });
    const description = await link.call('GET', '/openapi.json', { anonymous: true });
    expect(description.status).toBe(200);
    expect(Object.keys(description.body.paths)).toEqual(expect.arrayContaining(['/link/v1/tool-sets', '/link/v1/tools/run', '/link/v1/mcp/servers/{serverId}/call', '/api/v1/tools/http_run']));
  });
});

describe('authentication', () => {
  test('credentials are sealed at rest, masked in every answer, kept when sent back masked, and required for a new type', async () => {
    const created = await importEcho({ auth: { type: 'apiKey', in: 'header', name: 'X-Api-Key', value: 'key-plain-123' } });
    expect(created.auth).toEqual({ type: 'apiKey', in: 'header', name: 'X-Api-Key', value: '********' });
    expect(JSON.stringify(created)).not.toContain('key-plain-123');
    const row = await sql<{ auth_secret: string; auth_settings: unknown }>`select auth_secret, auth_settings from link.tool_sets where id = ${created.id}`.execute(link.service.runtime.database.kysely);
    expect(row.rows[0]?.auth_secret).toMatch(/^v1\./);
    expect(JSON.stringify(row.rows[0])).not.toContain('key-plain-123');

    const kept = await link.call('PATCH', `/link/v1/tool-sets/${created.id}`, { body: { auth: { type: 'apiKey', in: 'query', name: 'key', value: '********' } } });
    expect(kept.body.auth).toEqual({ type: 'apiKey', in: 'query', name: 'key', value: '********' });
    await link.call('POST', `/link/v1/tool-sets/${created.id}/versions`);
    const run = await link.call('POST', '/link/v1/tools/run', { body: { toolId: created.id, operationId: 'getText' } });
    expect(run.body).toMatchObject({ ok: true, status: 200, output: 'plain words' });
    expect(target.hits.at(-1)?.url).toBe('/text?key=key-plain-123');

    const switched = await link.call('PATCH', `/link/v1/tool-sets/${created.id}`, { body: { auth: { type: 'bearer' } } });
    expect(switched).toMatchObject({ status: 400, body: { code: 'auth_secret_required', details: { field: 'token' } } });
    const basic = await link.call('PATCH', `/link/v1/tool-sets/${created.id}`, { body: { auth: { type: 'basic', username: 'ann', password: 'pw-secret' } } });
    expect(basic.body.auth).toEqual({ type: 'basic', username: 'ann', password: '********' });
  });
});
