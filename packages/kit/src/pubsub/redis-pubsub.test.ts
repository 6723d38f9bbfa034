import { testServers, uniqueName } from '@astron/testing/servers';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/index.js';
import { runPubSubContract } from './contract.js';
import { createPubSub } from './create-pubsub.js';

const prefix = `${uniqueName('pubsub')}:`;
const redis = { host: testServers.redis.host, port: testServers.redis.port };

runPubSubContract('RedisPubSub', () => createPubSub({ kind: 'redis', redis, prefix }));

describe('RedisPubSub', () => {
  it('delivers between two instances, as between two services', async () => {
    const publisher = createPubSub({ kind: 'redis', redis, prefix });
    const subscriber = createPubSub({ kind: 'redis', redis, prefix });
    try {
      const received: string[] = [];
      await subscriber.subscribe('runs', (message) => received.push(message));
      await publisher.publish('runs', 'run-started');
      for (let waited = 0; received.length === 0 && waited < 2000; waited += 5) await sleep(5);
      expect(received).toEqual(['run-started']);
    } finally {
      await Promise.all([publisher.close(), subscriber.close()]);
    }
  });

  it('publishes under the prefix and unsubscribes from Redis when the last handler leaves', async () => {
    const pubsub = createPubSub({ kind: 'redis', redis, prefix });
    const admin = new Redis(redis);
    try {
      const first = await pubsub.subscribe('watched', () => undefined);
      const second = await pubsub.subscribe('watched', () => undefined);
      expect(await admin.pubsub('NUMSUB', `${prefix}watched`)).toEqual([`${prefix}watched`, 1]);
      await first();
      expect(await admin.pubsub('NUMSUB', `${prefix}watched`)).toEqual([`${prefix}watched`, 1]);
      await second();
      expect(await admin.pubsub('NUMSUB', `${prefix}watched`)).toEqual([`${prefix}watched`, 0]);
    } finally {
      await pubsub.close();
      await admin.quit();
    }
  });

  it('rejects ping and subscribe with unavailable, quickly, when Redis is down', async () => {
    const pubsub = createPubSub({ kind: 'redis', redis: { host: '127.0.0.1', port: 1 }, prefix });
    const started = Date.now();
    try {
      const [pingError, subscribeError] = await Promise.all([
        pubsub.ping().catch((caught: unknown) => caught),
        pubsub.subscribe('x', () => undefined).catch((caught: unknown) => caught),
      ]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(isAppError(pingError) && pingError.code).toBe('unavailable');
      expect((pingError as Error).message).toContain('127.0.0.1:1');
      expect(isAppError(subscribeError) && subscribeError.code).toBe('unavailable');
    } finally {
      await pubsub.close();
    }
  });
});
