import { randomUUID } from 'node:crypto';
import { testServers, uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestTenant, type TenantUnderTest } from '../test-harness.js';
import { sha256Base64, signRequest } from './signature.js';

interface Issued {
  appId: string;
  apiKey: string;
  apiSecret: string;
  bearerToken: string;
}

let tenant: TenantUnderTest;
let key: Issued;

async function issue(name: string): Promise<Issued> {
  const app = (await tenant.call('POST', '/apps', { body: { name } })).body as { id: string };
  const credential = (await tenant.call('POST', `/apps/${app.id}/keys`, { body: {} })).body as Omit<Issued, 'appId'>;
  return { appId: app.id, ...credential };
}

/** What the gateway forwards for a request a client signed. */
function signed(credential: Pick<Issued, 'apiKey' | 'apiSecret'>, overrides: { date?: Date; requestId?: string; body?: string; target?: string } = {}) {
  const body = overrides.body ?? '{"inputs":{}}';
  const headers = signRequest(credential, {
    method: 'POST',
    target: overrides.target ?? '/v1/workflows/wf_1/runs?stream=true',
    body,
    requestId: overrides.requestId ?? randomUUID(),
    ...(overrides.date ? { date: overrides.date } : {}),
  });
  return { method: 'POST', target: '/v1/workflows/wf_1/runs?stream=true', headers, bodySha256: sha256Base64(body) };
}

async function verify(check: ReturnType<typeof signed>) {
  return tenant.call('POST', '/verify/signature', { space: null, body: check });
}

beforeAll(async () => {
  tenant = await startTestTenant({ ASTRON_DATA_DIR: ':memory:' });
  key = await issue('signed client');
});
afterAll(async () => {
  await tenant.service.stop();
});

describe('signed requests', () => {
  test('a correctly signed request resolves the app and its space', async () => {
    const result = await verify(signed(key));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ appId: key.appId, spaceId: 'space_a', apiKey: key.apiKey, appName: 'signed client' });
    const listed = await tenant.call('GET', `/apps/${key.appId}/keys`);
    expect(listed.body.keys[0].lastUsedAt).not.toBeNull();
  });

  test.each([
    ['a wrong secret', () => signed({ apiKey: key.apiKey, apiSecret: 'not-the-secret' }), 'bad_signature'],
    ['an unknown key', () => signed({ apiKey: 'f'.repeat(32), apiSecret: 'x' }), 'unknown_key'],
    ['a date 6 minutes old', () => signed(key, { date: new Date(Date.now() - 6 * 60_000) }), 'clock_skew'],
    ['a date 6 minutes ahead', () => signed(key, { date: new Date(Date.now() + 6 * 60_000) }), 'clock_skew'],
    ['a body that is not the signed one', () => ({ ...signed(key), bodySha256: sha256Base64('{"inputs":{"evil":1}}') }), 'digest_mismatch'],
    ['another path than the signed one', () => ({ ...signed(key), target: '/v1/workflows/wf_2/runs' }), 'bad_signature'],
    ['no Authorization header', () => { const check = signed(key); delete check.headers.authorization; return check; }, 'missing_signature'],
    ['a signature that does not cover the request id', () => {
      const check = signed(key);
      check.headers.authorization = (check.headers.authorization ?? '').replace(' x-request-id"', '"');
      return check;
    }, 'unsigned_header'],
    ['another algorithm', () => {
      const check = signed(key);
      check.headers.authorization = (check.headers.authorization ?? '').replace('hmac-sha256', 'hmac-sha1');
      return check;
    }, 'unsupported_algorithm'],
  ])('%s is refused with 401 and a reason', async (_name, make, reason) => {
    const result = await verify(make());
    expect(result.status).toBe(401);
    expect(result.body.code).toBe(reason);
    expect(result.body.message.length).toBeGreaterThan(10);
  });

  test('a replayed request id is refused, even with a fresh date', async () => {
    const requestId = randomUUID();
    expect((await verify(signed(key, { requestId }))).status).toBe(200);
    const replay = await verify(signed(key, { requestId }));
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('replayed_request');
  });

  test('a disabled app is refused with 403; a revoked key with 401, at once although lookups are cached', async () => {
    const other = await issue('to be disabled');
    expect((await verify(signed(other))).status).toBe(200);
    await tenant.call('POST', `/apps/${other.appId}/disable`, { body: { disabled: true } });
    const disabled = await verify(signed(other));
    expect(disabled.status).toBe(403);
    expect(disabled.body.code).toBe('app_disabled');
    await tenant.call('POST', `/apps/${other.appId}/disable`, { body: { disabled: false } });
    await tenant.call('DELETE', `/apps/${other.appId}/keys/${other.apiKey}`);
    const revoked = await verify(signed(other));
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('revoked_key');
  });

  test('bearer tokens', async () => {
    const good = await tenant.call('POST', '/verify/bearer', { space: null, body: { token: key.bearerToken } });
    expect(good.body).toMatchObject({ appId: key.appId, spaceId: 'space_a' });
    const bad = await tenant.call('POST', '/verify/bearer', { space: null, body: { token: `${key.apiKey}.wrong` } });
    expect([bad.status, bad.body.code]).toEqual([401, 'bad_token']);
    const malformed = await tenant.call('POST', '/verify/bearer', { space: null, body: { token: 'nodot' } });
    expect([malformed.status, malformed.body.code]).toEqual([401, 'malformed_token']);
  });

  test('verification itself needs a service token', async () => {
    const response = await fetch(`${tenant.url}/verify/bearer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: key.bearerToken }) });
    expect(response.status).toBe(401);
  });
});

describe('replay guard shared through Redis by two tenant instances', () => {
  const schema = uniqueName('tenant');
  const { postgres, redis } = testServers;
  const env = {
    ASTRON_MODE: 'distributed',
    DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}`,
    REDIS_ADDR: `${redis.host}:${redis.port}`,
  };
  let first: TenantUnderTest;
  let second: TenantUnderTest;
  beforeAll(async () => {
    first = await startTestTenant(env);
    second = await startTestTenant(env);
  });
  afterAll(async () => {
    await first.service.stop();
    await second.service.stop();
    const pg = await import('pg');
    const client = new pg.default.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  test('a request id used at one instance is refused at the other', async () => {
    const app = (await first.call('POST', '/apps', { body: { name: 'clustered' } })).body as { id: string };
    const credential = (await first.call('POST', `/apps/${app.id}/keys`, { body: {} })).body as Issued;
    const check = signed(credential);
    expect((await first.call('POST', '/verify/signature', { space: null, body: check })).status).toBe(200);
    const replay = await second.call('POST', '/verify/signature', { space: null, body: check });
    expect([replay.status, replay.body.code]).toEqual([401, 'replayed_request']);
  });
});
