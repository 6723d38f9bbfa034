import { testServers, uniqueName } from '@astron/testing/servers';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { runCacheContract } from './contract.js';
import { createCache } from './create-cache.js';
import { deleteRedisKeys } from './redis-connection.js';

const prefix = `${uniqueName('cache')}:`;
const redis = { host: testServers.redis.host, port: testServers.redis.port };

runCacheContract('RedisCache', () => createCache({ kind: 'redis', redis, prefix }));

describe('RedisCache', () => {
  afterAll(async () => {
    const admin = new Redis(redis);
    await deleteRedisKeys(admin, `${prefix}*`);
    await admin.quit();
  });

  it('keeps its keys under the prefix', async () => {
    const cache = createCache({ kind: 'redis', redis, prefix });
    const admin = new Redis(redis);
    try {
      await cache.set('visible', 'v', { ttlMs: 5000 });
      expect(await admin.get(`${prefix}visible`)).toBe('v');
      expect(await admin.pttl(`${prefix}visible`)).toBeGreaterThan(4000);
    } finally {
      await cache.close();
      await admin.quit();
    }
  });

  it('rejects ping with unavailable, quickly, when Redis is down', async () => {
    const cache = createCache({ kind: 'redis', redis: { host: '127.0.0.1', port: 1 }, prefix });
    const started = Date.now();
    try {
      const [pingError, getError] = await Promise.all([
        cache.ping().catch((caught: unknown) => caught),
        cache.get('k').catch((caught: unknown) => caught),
      ]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(isAppError(pingError) && pingError.code).toBe('unavailable');
      expect((pingError as Error).message).toContain('127.0.0.1:1');
      expect(isAppError(getError) && getError.code).toBe('unavailable');
    } finally {
      await cache.close();
    }
  });
});
