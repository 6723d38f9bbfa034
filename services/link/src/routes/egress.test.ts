import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Resolver } from '@astron/kit/egress';
import { echoDocument } from '../testing/documents.js';
import { startFakeTarget, type FakeTarget } from '@astron/testing/fake-target';
import { openTestGround, startTestLink, type LinkUnderTest, type TestGround } from '../test-harness.js';

/** Made-up names, never asked of real DNS. */
const names: Record<string, string> = { 'loopback.test': '127.0.0.1', 'public.test': '127.0.0.1' };
const resolver: Resolver = async (hostname) => {
  const address = names[hostname];
  if (address === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address, family: 4 }];
};

let ground: TestGround;
let target: FakeTarget;
/** The default guard: no allowlist, nothing private. */
let guarded: LinkUnderTest;
/** Only the host name public.test (which resolves to loopback) is allowed. */
let namedOnly: LinkUnderTest;

beforeAll(async () => {
  ground = await openTestGround();
  target = await startFakeTarget();
  guarded = await startTestLink(ground, { resolver });
  namedOnly = await startTestLink(ground, { resolver, env: { EGRESS_ALLOW_HOSTS: 'public.test' } });
});

afterAll(async () => {
  await guarded?.stop();
  await namedOnly?.stop();
  await target?.close();
  await ground?.close();
});

async function toolAt(link: LinkUnderTest, serverUrl: string): Promise<string> {
  const created = await link.call('POST', '/link/v1/tool-sets', { body: { source: { text: JSON.stringify(echoDocument(target.origin)) }, serverUrl } });
  expect(created.status).toBe(201);
  await link.call('POST', `/link/v1/tool-sets/${created.body.id}/versions`);
  return created.body.id as string;
}

describe('tool calls go only through the SSRF guard', () => {
  test.each([
    ['loopback', () => target.origin],
    ['a private network (10/8)', () => 'http://10.20.30.40'],
    ['cloud metadata', () => 'http://169.254.169.254/latest'],
    ['IPv6 loopback', () => `http://[::1]:${target.port}`],
    ['IPv6 unique local (fc00::/7)', () => 'http://[fd12:3456::1]'],
    ['loopback written as a number', () => `http://2130706433:${target.port}`],
    ['a host name that resolves to 127.0.0.1', () => `http://loopback.test:${target.port}`],
  ])('%s is refused with 403 and nothing reaches it', async (_what, server) => {
    const id = await toolAt(guarded, server());
    const hits = target.hits.length;
    const run = await guarded.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'getText' } });
    expect(run).toMatchObject({ status: 403, body: { code: 'egress_blocked', message: expect.stringContaining('EGRESS_ALLOW') } });
    expect((await guarded.call('POST', `/link/v1/tool-sets/${id}/test-run`, { body: { operationId: 'getText' } })).status).toBe(403);
    expect(target.hits.length).toBe(hits);
  });

  test('a redirect to a private address is refused before it is followed; one within the allowed host is followed', async () => {
    const id = await toolAt(namedOnly, `http://public.test:${target.port}`);
    const followed = await namedOnly.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'redirect', inputs: { to: '/pets/9' } } });
    expect(followed.body).toMatchObject({ ok: true, output: { id: '9', name: 'Rex' } });
    const hits = target.hits.length;
    const refused = await namedOnly.call('POST', '/link/v1/tools/run', { body: { toolId: id, operationId: 'redirect', inputs: { to: `http://127.0.0.1:${target.port}/text` } } });
    expect(refused).toMatchObject({ status: 403, body: { code: 'egress_blocked' } });
    expect(target.hits.slice(hits).map((hit) => hit.url.split('?')[0])).toEqual(['/redirect']);
  });

  test('documents by URL and OAuth2 token endpoints are guarded the same way', async () => {
    target.documents.set('echo.json', { type: 'application/json', text: JSON.stringify(echoDocument(target.origin)) });
    expect(await guarded.call('POST', '/link/v1/tool-sets', { body: { source: { url: `${target.origin}/docs/echo.json` } } })).toMatchObject({ status: 403, body: { code: 'egress_blocked' } });
    expect((await namedOnly.call('POST', '/link/v1/tool-sets', { body: { source: { url: `http://public.test:${target.port}/docs/echo.json` } } })).status).toBe(201);
    const created = await namedOnly.call('POST', '/link/v1/tool-sets', {
      body: { source: { text: JSON.stringify(echoDocument(`http://public.test:${target.port}`)) }, auth: { type: 'oauth2', tokenUrl: `${target.origin}/oauth/token`, clientId: 'client-1', clientSecret: 'client-secret-1' } },
    });
    await namedOnly.call('POST', `/link/v1/tool-sets/${created.body.id}/versions`);
    const tokens = target.tokenRequests.length;
    expect(await namedOnly.call('POST', '/link/v1/tools/run', { body: { toolId: created.body.id, operationId: 'getText' } })).toMatchObject({ status: 403, body: { code: 'egress_blocked' } });
    expect(target.tokenRequests.length).toBe(tokens);
  });
});
