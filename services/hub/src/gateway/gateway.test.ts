import { randomUUID } from 'node:crypto';
import { signRequest } from '@astron/tenant';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';
import { forwardAs } from './caller.js';

const LIMIT = 5;

let hub: HubUnderTest;
let alice: Browser;
let bob: Browser;

beforeAll(async () => {
  hub = await startTestHub({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  alice = await hub.signUp('alice@example.com');
  bob = await hub.signUp('bob@example.com');
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

async function newKey(name: string): Promise<{ id: string; key: string; apiKey: string; apiSecret: string; prefix: string }> {
  const created = await alice.call('POST', '/api/api-keys', { name });
  expect(created.status).toBe(201);
  const key: string = created.body.key;
  const separator = key.indexOf('.');
  return { id: created.body.id, key, prefix: created.body.prefix, apiKey: key.slice(0, separator), apiSecret: key.slice(separator + 1) };
}

const gateway = (path: string, init: RequestInit = {}) => fetch(`${hub.url}${path}`, init);
const json = async (response: Response): Promise<any> => response.json();
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Sleeps past the minute boundary when fewer than 5 s of the window are left, so a count cannot straddle two windows. */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((done) => setTimeout(done, left + 50));
}

describe('API keys', () => {
  test('the first key makes the space its tenant app; the key is shown once, its prefix is kept', async () => {
    const first = await newKey('ci');
    expect(first.prefix).toBe(first.key.slice(0, 12));
    const second = await newKey('other');
    const space = await hub.context.db.kysely.selectFrom('spaces').select('tenant_app_id').where('id', '=', alice.personalSpaceId).executeTakeFirstOrThrow();
    const rows = await hub.context.db.kysely.selectFrom('api_keys').selectAll().where('space_id', '=', alice.personalSpaceId).execute();
    expect(rows.map((row) => row.tenant_app_id)).toEqual([space.tenant_app_id, space.tenant_app_id]);
    expect(JSON.stringify(rows)).not.toContain(first.apiSecret);

    const list = await alice.call('GET', '/api/api-keys');
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(['other', 'ci']);
    expect(list.body.items[1]).toMatchObject({ id: first.id, prefix: first.prefix, createdBy: { id: alice.userId, email: 'alice@example.com' }, lastUsedAt: null, revokedAt: null });
    expect(list.text).not.toContain(first.apiSecret);
    expect(second.key).not.toBe(first.key);
  });

  test('bearer calls reach /v1/me; last use shows in the list', async () => {
    const key = await newKey('bearer');
    const response = await gateway('/v1/me', { headers: bearer(key.key) });
    expect(response.status).toBe(200);
    const space = await hub.context.db.kysely.selectFrom('spaces').select('tenant_app_id').where('id', '=', alice.personalSpaceId).executeTakeFirstOrThrow();
    expect(await json(response)).toEqual({ spaceId: alice.personalSpaceId, appId: space.tenant_app_id, keyName: 'bearer' });
    expect(response.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
    expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);

    const list = await alice.call('GET', '/api/api-keys');
    expect(list.body.items.find((item: { id: string }) => item.id === key.id).lastUsedAt).not.toBeNull();
  });

  test("bad, missing and malformed credentials are 401 with the tenant's reason", async () => {
    const key = await newKey('victim');
    const wrong = await gateway('/v1/me', { headers: bearer(`${key.apiKey}.not-the-secret`) });
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toMatchObject({ code: 'bad_token' });
    const unknown = await gateway('/v1/me', { headers: bearer('0123456789abcdef.secret') });
    expect((await json(unknown)).code).toBe('unknown_key');
    expect((await json((await gateway('/v1/me')))).code).toBe('missing_credentials');
    expect((await json((await gateway('/v1/me', { headers: { authorization: 'Basic abc' } })))).code).toBe('malformed_credentials');
    expect((await json((await gateway('/v1/me', { headers: bearer('x'.repeat(600)) })))).code).toBe('malformed_credentials');
    // An unknown /v1 path asks for a key first: the gateway does not reveal its routes.
    expect((await gateway('/v1/nothing-here')).status).toBe(401);
  });

  test('signed requests are verified over the raw body; a replay is refused', async () => {
    const key = await newKey('signed');
    const requestId = randomUUID();
    const headers = signRequest(key, { method: 'GET', target: '/v1/me?x=1', requestId });
    const signed = await gateway('/v1/me?x=1', { headers });
    expect(signed.status).toBe(200);
    expect((await json(signed)).keyName).toBe('signed');
    const replayed = await gateway('/v1/me?x=1', { headers });
    expect(replayed.status).toBe(401);
    expect((await json(replayed)).code).toBe('replayed_request');

    // A POST body is covered by the digest: the exact bytes pass (then 404: no such route), other bytes do not.
    const body = '{ "question":  "spacing matters" }';
    const post = signRequest(key, { method: 'POST', target: '/v1/echo', body, requestId: randomUUID() });
    const accepted = await gateway('/v1/echo', { method: 'POST', headers: { ...post, 'content-type': 'application/json' }, body });
    expect(accepted.status).toBe(404);
    const tampered = signRequest(key, { method: 'POST', target: '/v1/echo', body, requestId: randomUUID() });
    const refused = await gateway('/v1/echo', { method: 'POST', headers: { ...tampered, 'content-type': 'application/json' }, body: '{"question":"spacing matters"}' });
    expect(refused.status).toBe(401);
    expect((await json(refused)).code).toBe('digest_mismatch');
  });

  test(`a key gets ${LIMIT} calls a minute, then 429 with retry-after`, async () => {
    const key = await newKey('busy');
    await awayFromWindowEdge();
    for (let call = 1; call <= LIMIT; call += 1) {
      const response = await gateway('/v1/me', { headers: bearer(key.key) });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - call));
    }
    const limited = await gateway('/v1/me', { headers: bearer(key.key) });
    expect(limited.status).toBe(429);
    expect((await json(limited)).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    // Another key of the same space has its own budget.
    const other = await newKey('calm');
    expect((await gateway('/v1/me', { headers: bearer(other.key) })).status).toBe(200);
  });

  test('a revoked key is refused at once; revoking is scoped to the space and audited', async () => {
    const key = await newKey('doomed');
    expect((await gateway('/v1/me', { headers: bearer(key.key) })).status).toBe(200);
    expect((await bob.call('DELETE', `/api/api-keys/${key.id}`)).status).toBe(404);
    expect((await bob.call('GET', '/api/api-keys')).body.items).toEqual([]);

    expect((await alice.call('DELETE', `/api/api-keys/${key.id}`)).status).toBe(204);
    const refused = await gateway('/v1/me', { headers: bearer(key.key) });
    expect(refused.status).toBe(401);
    expect((await json(refused)).code).toBe('revoked_key');
    const listed = (await alice.call('GET', '/api/api-keys')).body.items.find((item: { id: string }) => item.id === key.id);
    expect(listed.revokedAt).not.toBeNull();
    expect((await alice.call('DELETE', `/api/api-keys/${key.id}`)).status).toBe(204);

    const events = await hub.context.db.kysely.selectFrom('audit_events').select(['action', 'target_id', 'details']).where('space_id', '=', alice.personalSpaceId).execute();
    expect(events.filter((event) => event.target_id === key.id).map((event) => event.action).sort()).toEqual(['apikey.created', 'apikey.revoked']);
    expect(JSON.stringify(events)).not.toContain(key.apiSecret);
  });

  test("forwardAs calls a core service as the caller's space and app", async () => {
    const key = await newKey('forward');
    const space = await hub.context.db.kysely.selectFrom('spaces').select('tenant_app_id').where('id', '=', alice.personalSpaceId).executeTakeFirstOrThrow();
    const caller = { spaceId: alice.personalSpaceId, appId: space.tenant_app_id as string, apiKey: key.apiKey };
    const app = await forwardAs(caller, hub.context.tenant).call<{ id: string }>('GET', `/apps/${caller.appId}`);
    expect(app.id).toBe(caller.appId);
    const elsewhere = forwardAs({ ...caller, spaceId: bob.personalSpaceId }, hub.context.tenant).call('GET', `/apps/${caller.appId}`);
    await expect(elsewhere).rejects.toMatchObject({ status: 404 });
  });
});
