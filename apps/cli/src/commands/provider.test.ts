import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubService } from '@astron/hub';
import { dropNamespace, openDatabase } from '@astron/kit/db';
import { testServers, uniqueName } from '@astron/testing/servers';
import { afterAll, describe, expect, test } from 'vitest';
import { hubTestSecrets, startTestHub } from '../../../../services/hub/src/test-harness.js';
import { serviceEnvironment, startEmbeddedDatabase } from '../environment.js';
import { platformPorts, runCli as astron, startPlatform } from '../testing/platform.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});



describe('astron provider add / apikey create on the embedded data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'astron-provision-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ASTRON_DATA_DIR: dataDir, ASTRON_MODE: '', LOG_LEVEL: 'warn' };
  let key = '';

  test('seed: a space in the embedded hub database', async () => {
    const database = await startEmbeddedDatabase(env, { borrow: true });
    try {
      const config = hubService.loadConfig(serviceEnvironment(hubService, env, database.database));
      await hubService.migrate(config);
      const db = await openDatabase<{ spaces: Record<string, unknown> }>(config.database);
      const now = new Date();
      await db.kysely.insertInto('spaces').values({ id: 'sp_cli', name: 'Team CLI', kind: 'team', owner_id: 'u_nobody', created_at: now, updated_at: now }).execute();
      await db.close();
    } finally {
      await database.close();
    }
  }, 120_000);

  test('provider add makes the given models the space defaults; bad input names the flag', async () => {
    const args = ['provider', 'add', '--space', 'Team CLI', '--name', 'Local', '--base-url', 'http://127.0.0.1:11434/v1', '--api-key', 'sk-cli'];
    const added = await astron([...args, '--chat-model', 'qwen2.5', '--embedding-model', 'bge-m3', '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    const provider = JSON.parse(added.stdout);
    expect(provider).toMatchObject({ spaceId: 'sp_cli', name: 'Local', hasApiKey: true, defaults: { chatModel: `${provider.id}/qwen2.5`, embeddingModel: `${provider.id}/bge-m3` } });
    expect(added.stdout).not.toContain('sk-cli');

    const bad = await astron(['provider', 'add', '--space', 'nope', '--name', 'X', '--base-url', 'ftp://x'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--base-url: must be an http:// or https:// URL');
  }, 120_000);

  test('apikey create prints a key once, made by a tenant run in-process on the same database', async () => {
    const created = await astron(['apikey', 'create', '--space', 'sp_cli', '--name', 'ci', '--json'], env);
    expect(created.status, created.stderr).toBe(0);
    const body = JSON.parse(created.stdout);
    expect(body).toMatchObject({ spaceId: 'sp_cli', name: 'ci' });
    expect(body.key).toMatch(/^[0-9a-f]{32}\.[\w-]+$/);
    expect(body.prefix).toBe(body.key.slice(0, 12));
    key = body.key;
  }, 120_000);

  test('the key works at the gateway once the platform starts on that data directory', async () => {
    const ports = await platformPorts();
    const platform = startPlatform({ ...env, ...ports.env });
    cleanups.push(async () => void (await platform.stop()));
    await platform.ready;
    const response = await fetch(`${ports.urls.hub}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ spaceId: 'sp_cli', keyName: 'ci' });
    expect(await platform.stop()).toBe(0);
  }, 150_000);
});

describe('astron provider add / apikey create against a distributed deployment', () => {
  test('both write to its database and tenant; the console then sees them and the key works', async () => {
    const { postgres, redis } = testServers;
    const schema = uniqueName('hub_cli');
    const env = {
      ...hubTestSecrets,
      ASTRON_MODE: 'distributed',
      DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}`,
      REDIS_HOST: redis.host,
      REDIS_PORT: String(redis.port),
    };
    const hub = await startTestHub(env);
    cleanups.push(async () => {
      const config = hub.context.config.database;
      await hub.stop();
      const database = await openDatabase(config);
      await dropNamespace(database);
      await database.close();
    });
    const alice = await hub.signUp('alice@example.com');
    const cliEnv = { ...env, TENANT_URL: hub.tenantUrl };

    const added = await astron(['provider', 'add', '--space', alice.personalSpaceId, '--name', 'Remote', '--base-url', 'https://models.example/v1', '--chat-model', 'gpt-x', '--json'], cliEnv);
    expect(added.status, added.stderr).toBe(0);
    const provider = JSON.parse(added.stdout);
    const listed = await alice.call('GET', '/api/providers');
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([provider.id]);
    expect(listed.body.defaults).toEqual({ chatModel: `${provider.id}/gpt-x`, embeddingModel: null });

    const missing = await astron(['apikey', 'create', '--space', 'no-such-space'], cliEnv);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('space no-such-space not found');
    const created = await astron(['apikey', 'create', '--space', alice.personalSpaceId, '--json'], cliEnv);
    expect(created.status, created.stderr).toBe(0);
    const { key, id } = JSON.parse(created.stdout);
    const me = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
    expect(await me.json()).toEqual(expect.objectContaining({ spaceId: alice.personalSpaceId, keyName: 'cli' }));
    const keys = await alice.call('GET', '/api/api-keys');
    expect(keys.body.items).toEqual([expect.objectContaining({ id, name: 'cli', createdBy: { id: 'cli', email: null } })]);
  }, 120_000);
});
