import { testServers, uniqueName } from '@astron/testing/servers';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestTenant, type TenantUnderTest } from './test-harness.js';

interface Backend {
  name: string;
  env: () => Record<string, string>;
  drop: () => Promise<void>;
}

const pgSchema = uniqueName('tenant');
const mysqlDatabase = uniqueName('tenant');
const { postgres, mysql: maria } = testServers;

const backends: Backend[] = [
  { name: 'embedded PGlite', env: () => ({ ASTRON_DATA_DIR: '/nonexistent-unused', DATABASE_URL: '' }), drop: async () => {} },
  {
    name: 'PostgreSQL',
    env: () => ({ DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${pgSchema}` }),
    drop: async () => {
      const client = new pg.Client({ host: postgres.host, port: postgres.port, user: postgres.user, database: postgres.database });
      await client.connect();
      await client.query(`drop schema if exists "${pgSchema}" cascade`);
      await client.end();
    },
  },
  {
    name: 'MariaDB',
    env: () => ({ DATABASE_DB_TYPE: 'mysql', DATABASE_URL: `(${maria.host}:${maria.port})/${mysqlDatabase}`, DATABASE_USERNAME: maria.user, DATABASE_PASSWORD: maria.password }),
    drop: async () => {
      const connection = await mysql.createConnection({ host: maria.host, port: maria.port, user: maria.user, password: maria.password });
      await connection.query(`drop database if exists \`${mysqlDatabase}\``);
      await connection.end();
    },
  },
];

describe.each(backends)('tenant API on $name', (backend) => {
  let tenant: TenantUnderTest;
  beforeAll(async () => {
    const env = backend.env();
    // PGlite in memory: an unset DATABASE_URL means embedded; the data dir is replaced by memory below.
    tenant = await startTestTenant(env.DATABASE_URL === '' ? { ASTRON_DATA_DIR: ':memory:' } : env);
  });
  afterAll(async () => {
    await tenant.service.stop();
    await backend.drop();
  });

  test('apps: create, read, list with paging, update, disable, delete', async () => {
    const created = await tenant.call('POST', '/apps', { body: { name: 'Support bot', description: 'answers', devId: 7, cloudId: 'c1' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Support bot', description: 'answers', devId: 7, cloudId: 'c1', disabled: false, source: 'admin' });
    const id = created.body.id as string;
    expect(id).toMatch(/^[0-9a-f]{16}$/);

    for (const name of ['Second', 'Third']) expect((await tenant.call('POST', '/apps', { body: { name } })).status).toBe(201);
    const first = await tenant.call('GET', '/apps?limit=2');
    expect(first.body.apps).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await tenant.call('GET', `/apps?limit=2&cursor=${first.body.nextCursor as string}`);
    expect(second.body.apps.map((app: { name: string }) => app.name)).toEqual(['Support bot']);
    expect(second.body.nextCursor).toBeNull();
    expect((await tenant.call('GET', '/apps?name=Supp')).body.apps).toHaveLength(1);
    expect((await tenant.call('GET', '/apps?name=%25')).body.apps).toHaveLength(0);

    const updated = await tenant.call('PATCH', `/apps/${id}`, { body: { name: 'Renamed' } });
    expect(updated.body.name).toBe('Renamed');
    const disabled = await tenant.call('POST', `/apps/${id}/disable`, { body: { disabled: true } });
    expect(disabled.body.disabled).toBe(true);
    expect((await tenant.call('DELETE', `/apps/${id}`)).status).toBe(204);
    expect((await tenant.call('GET', `/apps/${id}`)).status).toBe(404);
  });

  test('keys: the secret is shown once, never listed again; revoke', async () => {
    const app = (await tenant.call('POST', '/apps', { body: { name: 'keys' } })).body as { id: string };
    const issued = await tenant.call('POST', `/apps/${app.id}/keys`, { body: { name: 'ci' } });
    expect(issued.status).toBe(201);
    const secret = issued.body.apiSecret as string;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(issued.body.bearerToken).toBe(`${issued.body.apiKey as string}.${secret}`);

    const everyRead = [
      await tenant.call('GET', `/apps/${app.id}/keys`),
      await tenant.call('GET', `/apps/${app.id}`),
      await tenant.call('GET', '/apps'),
      await tenant.call('GET', `/v2/app/key/${app.id}`),
      await tenant.call('GET', `/v2/app/details?app_id=${app.id}`),
    ];
    for (const read of everyRead) {
      expect(read.status).toBe(200);
      expect(read.text).not.toContain(secret);
    }
    expect(everyRead[0]?.body.keys[0]).toMatchObject({ apiKey: issued.body.apiKey, name: 'ci', revokedAt: null });

    expect((await tenant.call('DELETE', `/apps/${app.id}/keys/${issued.body.apiKey as string}`)).status).toBe(204);
    expect((await tenant.call('DELETE', `/apps/${app.id}/keys/${issued.body.apiKey as string}`)).status).toBe(404);
    const listed = await tenant.call('GET', `/apps/${app.id}/keys`);
    expect(listed.body.keys[0].revokedAt).not.toBeNull();
  });

  test('another space sees nothing and changes nothing', async () => {
    const app = (await tenant.call('POST', '/apps', { body: { name: 'private' } })).body as { id: string };
    const key = (await tenant.call('POST', `/apps/${app.id}/keys`, { body: {} })).body as { apiKey: string };
    const other = { space: 'space_b' };
    const attempts = [
      await tenant.call('GET', `/apps/${app.id}`, other),
      await tenant.call('PATCH', `/apps/${app.id}`, { ...other, body: { name: 'stolen' } }),
      await tenant.call('POST', `/apps/${app.id}/disable`, { ...other, body: { disabled: true } }),
      await tenant.call('POST', `/apps/${app.id}/keys`, { ...other, body: {} }),
      await tenant.call('GET', `/apps/${app.id}/keys`, other),
      await tenant.call('DELETE', `/apps/${app.id}/keys/${key.apiKey}`, other),
      await tenant.call('DELETE', `/apps/${app.id}`, other),
      await tenant.call('GET', `/v2/app/details?app_id=${app.id}`, other),
      await tenant.call('POST', '/v2/app/disable', { ...other, body: { request_id: 'r', app_id: app.id, disable: true } }),
    ];
    expect(attempts.map((attempt) => attempt.status)).toEqual(Array(attempts.length).fill(404));
    expect((await tenant.call('GET', '/apps', other)).body.apps).toEqual([]);
    const after = await tenant.call('GET', `/apps/${app.id}`);
    expect(after.body).toMatchObject({ name: 'private', disabled: false });
    expect((await tenant.call('GET', `/apps/${app.id}/keys`)).body.keys[0].revokedAt).toBeNull();
  });

  test('every call needs a service token with a space; bad input names the field', async () => {
    const anonymous = await fetch(`${tenant.url}/apps`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('missing_service_token');
    const forged = await fetch(`${tenant.url}/apps`, { headers: { authorization: 'Service astron1.e30.AAAA' } });
    expect(forged.status).toBe(401);
    expect((await tenant.call('GET', '/apps', { space: null })).status).toBe(403);
    const bad = await tenant.call('POST', '/apps', { body: { name: '', devId: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('body.name');
    expect(bad.body.message).toContain('body.devId');
  });

  test('the original /v2 API keeps its shape', async () => {
    const created = await tenant.call('POST', '/v2/app', {
      body: { request_id: 'r1', app_name: 'legacy', app_desc: 'd', dev_id: 1, cloud_id: '0' },
      headers: { 'x-consumer-username': 'console' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: 0, message: 'success', data: { name: 'legacy', dev_id: 1, cloud_id: '0', source: 'console', is_disable: false, desc: 'd' } });
    expect(typeof created.body.sid).toBe('string');
    const appId = created.body.data.appid as string;

    expect((await tenant.call('PUT', '/v2/app', { body: { request_id: 'r2', app_id: appId, app_name: 'legacy2' } })).body.code).toBe(0);
    const list = await tenant.call('GET', `/v2/app/list?app_ids=${appId}`);
    expect(list.body.data.map((app: { name: string }) => app.name)).toEqual(['legacy2']);
    expect((await tenant.call('GET', '/v2/app/list')).status).toBe(400);

    const key = await tenant.call('POST', '/v2/app/key', { body: { request_id: 'r3', app_id: appId } });
    expect(key.body.data).toMatchObject({ api_key: expect.any(String), api_secret: expect.any(String) });
    expect((await tenant.call('GET', `/v2/app/key/${appId}`)).body.data).toEqual([{ api_key: key.body.data.api_key }]);
    expect((await tenant.call('DELETE', '/v2/app/key', { body: { request_id: 'r4', app_id: appId, api_key: key.body.data.api_key } })).body.code).toBe(0);
    expect((await tenant.call('POST', '/v2/app/disable', { body: { request_id: 'r5', app_id: appId, disable: true } })).body.code).toBe(0);
    expect((await tenant.call('DELETE', '/v2/app', { body: { request_id: 'r6', app_id: appId } })).body.code).toBe(0);
    const missing = await tenant.call('POST', '/v2/app', { body: { request_id: '', app_name: 'x', dev_id: 0, cloud_id: '' } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('request_id must not be empty');
  });
});
