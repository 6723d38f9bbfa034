import { dropNamespace, openDatabase } from '@astron/kit/db';
import { startFakeOpenAI, type FakeOpenAI } from '@astron/testing/fake-openai';
import { testServers, uniqueName } from '@astron/testing/servers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestHub, type HubUnderTest } from '../test-harness.js';

const { postgres, redis } = testServers;
const schema = uniqueName('hub_egress');

let fake: FakeOpenAI;
let hub: HubUnderTest;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-egress' });
  // A distributed hub (PostgreSQL, Redis) with no EGRESS_* settings: the production default.
  hub = await startTestHub({
    ASTRON_MODE: 'distributed',
    DATABASE_URL: `postgres://${postgres.user}@${postgres.host}:${postgres.port}/${postgres.database}?schema=${schema}`,
    REDIS_HOST: redis.host,
    REDIS_PORT: String(redis.port),
  });
}, 180_000);

afterAll(async () => {
  const config = hub?.context.config.database;
  await hub?.stop();
  await fake?.close();
  if (config !== undefined) {
    const database = await openDatabase(config);
    await dropNamespace(database);
    await database.close();
  }
});

describe('provider egress in distributed mode', () => {
  test('a loopback provider URL is refused, naming the setting that would allow it', async () => {
    const alice = await hub.signUp('alice@example.com');
    const created = await alice.call('POST', '/api/providers', { name: 'Local', baseUrl: fake.url, apiKey: 'sk-egress' });
    expect(created.status).toBe(201);

    const result = await alice.call('POST', `/api/providers/${created.body.id}/test`);
    expect(result.body.ok).toBe(false);
    expect(result.body.message).toContain('EGRESS_ALLOW_HOSTS');
    expect(result.body.message).toContain('127.0.0.1');
    const refresh = await alice.call('POST', `/api/providers/${created.body.id}/models/refresh`);
    expect(refresh.status).toBe(403);
    expect(refresh.body.code).toBe('egress_blocked');
    expect(fake.requests).toEqual([]);
  });

  test('the gateway rate limit counts in Redis', async () => {
    const alice = await hub.signUp('carol@example.com');
    const created = await alice.call('POST', '/api/api-keys', { name: 'redis' });
    const windowStart = Date.now() - (Date.now() % 60_000);
    const response = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${created.body.key}` } });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBe(hub.context.config.rateLimitPerMinute - 1);
    expect(hub.context.config.redis).not.toBeNull();
    const apiKey = String(created.body.key).split('.')[0];
    expect(await hub.context.cache.get(`gateway:rate:${apiKey}:${windowStart}`)).toBe('1');
  });
});
