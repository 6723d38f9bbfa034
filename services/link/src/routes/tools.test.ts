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
  link = await startTestLink(ground, { env: { EGRESS_ALLOW_HOSTS: '127.0.0.1/32', LINK_RUN_TIMEOUT_MS: '1500', LINK_MAX_RESPONSE_BYTES: '65536' } });
});

afterAll(async () => {
  await link?.stop();
  await target?.close();
  await ground?.close();
});

async function publishedEcho(auth?: unknown): Promise<string> {
  const created = await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: JSON.stringify(echoDocument(target.origin)) }, ...(auth === undefined ? {} : { auth }) } });
  expect(created.status).toBe(201);
  expect((await link.call('POST', `/link/v1/tool-sets/${created.body.id}/versions`)).status).toBe(201);
  return created.body.id as string;
}

describe('versions', () => {
  test('publish makes v1, v2 ...; a version never changes when the draft does; callers pin one or get the latest', async () => {
    const created = await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: JSON.stringify(echoDocument(target.origin)) } } });
    const id = created.body.id;
    expect(await link.call('POST', '/link/v1/tools/describe', { body: { tools: [{ toolId: id }] } })).toMatchObject({ status: 409, body: { code: 'tool_not_published' } });
    const v1 = await link.call('POST', `/link/v1/tool-sets/${id}/versions`);
    expect(v1).toMatchObject({ status: 201, body: { toolSetId: id, version: 'v1', seq: 1, operationCount: 7, publishedBy: 'user:usr_1' } });

    const petDocument = petstore(target.origin);
    await link.call('PATCH', `/link/v1/tool-sets/${id}`, { body: { name: 'Pets now', source: { text: JSON.stringify(petDocument) } } });
    expect((await link.call('GET', `/link/v1/tool-sets/${id}/versions/v1`)).body).toMatchObject({ version: 'v1', name: 'Echo', operationCount: 7 });
    expect((await link.call('GET', `/link/v1/tool-sets/${id}/document?version=v1`)).body.info.title).toBe('Echo');
    expect((await link.call('POST', `/link/v1/tool-sets/${id}/versions`)).body).toMatchObject({ version: 'v2', name: 'Pets now', operationCount: 3 });
    expect((await link.call('GET', `/link/v1/tool-sets/${id}/versions`)).body.items.map((item: any) => item.version)).toEqual(['v2', 'v1']);
    expect((await link.call('GET', `/link/v1/tool-sets/${id}`)).body.latestVersion).toBe('v2');

    const pinned = await link.call('POST', '/link/v1/tools/describe', { body: { tools: [{ toolId: id, version: 'v1', operationId: 'getText' }, { toolId: id, operationId: 'getPet' }] } });
    expect(pinned.body.tools).toEqual([
      { toolId: id, operationId: 'getText', version: 'v1', name: 'getText', description: 'GET /text', parameters: { type: 'object', properties: {} }, output: null, toolName: 'Echo' },
      expect.objectContaining({ toolId: id, operationId: 'getPet', version: 'v2', description: 'Returns one pet by its id', parameters: expect.objectContaining({ required: ['petId'] }) }),
    ]);
    expect((await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, version: 'v1', operationId: 'getText' } })).body).toMatchObject({ version: 'v1', ok: true, output: 'plain words' });
    expect(await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'getText' } })).toMatchObject({ status: 404, body: { code: 'operation_not_found' } });
    expect(await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, version: 'v9', operationId: 'getText' } })).toMatchObject({ status: 404, body: { code: 'tool_version_not_found' } });
    expect((await link.call('POST', '/link/v1/tools/describe', { body: { tools: [{ toolId: id, version: 'draft' }] } })).body.tools[0].version).toBe('draft');
    expect(await link.call('POST', '/link/v1/tools/describe', { body: { tools: [{ toolId: id }] }, space: 'space_b' })).toMatchObject({ status: 404 });
  });
});

describe('runs', () => {
  test('inputs go to the path (encoded), query, header and JSON body; JSON answers are parsed', async () => {
    const id = await publishedEcho();
    const run = await link.call('POST', '/link/v1/tools/run', {
      body: { toolId: id, operationId: 'updateItem', inputs: { itemId: 'a b/c', tags: ['x', 'y'], 'X-Request-Tag': 'tag-1', title: 'Hi', count: 3 } },
    });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ toolId: id, operationId: 'updateItem', version: 'v1', ok: true, status: 200, contentType: expect.stringContaining('application/json') });
    expect(run.body.output).toMatchObject({ method: 'POST', url: '/echo/items/a%20b%2Fc?tags=x&tags=y', headers: { 'x-request-tag': 'tag-1', 'content-type': 'application/json' } });
    expect(JSON.parse(run.body.output.body)).toEqual({ title: 'Hi', count: 3 });
    expect(await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'updateItem', inputs: {} } })).toMatchObject({ status: 400, body: { code: 'missing_inputs', details: { missing: ['itemId'] } } });
  });

  test('a failing target is a result with ok false; too slow and too large are 504 and 413', async () => {
    const id = await publishedEcho();
    expect((await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'fail' } })).body).toMatchObject({ ok: false, status: 500, output: { error: 'boom' } });
    expect(await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'slow', inputs: { ms: 3000 } } })).toMatchObject({ status: 504, body: { code: 'egress_timeout' } });
    expect(await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'big', inputs: { size: 100_000 } } })).toMatchObject({ status: 413, body: { code: 'egress_response_too_large' } });
    expect((await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'big', inputs: { size: 1000 } } })).body.output).toHaveLength(1000);
  });

  test('a test run shows the request with secrets masked and the raw response', async () => {
    const id = await publishedEcho({ type: 'bearer', token: 'bearer-secret-42' });
    const debug = await link.call('POST', `/link/v1/tool-sets/${id}/test-run`, { body: { operationId: 'updateItem', inputs: { itemId: '7', title: 'T' } } });
    expect(debug.status).toBe(200);
    expect(debug.body).toMatchObject({
      version: 'draft',
      operationId: 'updateItem',
      request: { method: 'POST', url: `${target.origin}/echo/items/7`, headers: { authorization: 'Bearer ********', 'content-type': 'application/json' }, body: '{"title":"T"}' },
      response: { status: 200, headers: expect.objectContaining({ 'content-type': expect.stringContaining('json') }) },
      result: { ok: true, status: 200 },
    });
    // The target got the real token; the answer to the console shows it nowhere but in what the target echoed.
    expect(target.hits.at(-1)?.headers.authorization).toBe('Bearer bearer-secret-42');
    expect(JSON.stringify(debug.body.request)).not.toContain('bearer-secret-42');
  });

  test('OAuth2 client credentials: the token is fetched through egress once and reused; a refused client is a 502', async () => {
    const auth = { type: 'oauth2', tokenUrl: `${target.origin}/oauth/token`, clientId: 'client-1', clientSecret: 'client-secret-1', scopes: ['read'] };
    const id = await publishedEcho(auth);
    const before = target.tokenRequests.length;
    for (let n = 0; n < 2; n += 1) expect((await link.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'updateItem', inputs: { itemId: '1' } } })).body.output.headers.authorization).toMatch(/^Bearer token-\d+$/);
    expect(target.tokenRequests.length).toBe(before + 1);
    expect(target.tokenRequests.at(-1)?.body).toBe('grant_type=client_credentials&scope=read');
    const wrong = await publishedEcho({ ...auth, clientSecret: 'wrong' });
    expect(await link.call('POST', '/link/v1/tools/run', { body: { toolId: wrong, operationId: 'getText' } })).toMatchObject({ status: 502, body: { code: 'oauth_token_failed', message: expect.stringContaining('invalid_client') } });
  });
});
