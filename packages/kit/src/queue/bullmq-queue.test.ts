import { testServers, uniqueName } from '@astron/testing/servers';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteRedisKeys } from '../cache/index.js';
import { isAppError } from '../errors/index.js';
import { runJobQueueContract } from './contract.js';
import { createJobQueue } from './create-job-queue.js';

const prefix = uniqueName('jobs');
const redis = { host: testServers.redis.host, port: testServers.redis.port };

runJobQueueContract('BullMqQueue', () => createJobQueue({ kind: 'redis', redis, prefix }));

describe('BullMqQueue', () => {
  afterAll(async () => {
    const admin = new Redis(redis);
    await deleteRedisKeys(admin, `${prefix}:*`);
    await admin.quit();
  });

  it('keeps only the configured number of finished jobs in Redis', async () => {
    const jobs = createJobQueue({ kind: 'redis', redis, prefix, keepCompleted: 2 });
    try {
      for (let index = 0; index < 5; index += 1) await jobs.add('retention', index);
      let done = 0;
      await jobs.process('retention', async () => {
        done += 1;
      });
      while (done < 5) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await jobs.counts('retention')).completed).toBe(2);
    } finally {
      await jobs.close();
    }
  });

  it('rejects ping and add with unavailable, quickly, when Redis is down', async () => {
    const jobs = createJobQueue({ kind: 'redis', redis: { host: '127.0.0.1', port: 1 }, prefix });
    const started = Date.now();
    try {
      const [pingError, addError] = await Promise.all([
        jobs.ping().catch((caught: unknown) => caught),
        jobs.add('nowhere', 1).catch((caught: unknown) => caught),
      ]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(isAppError(pingError) && pingError.code).toBe('unavailable');
      expect((pingError as Error).message).toContain('127.0.0.1:1');
      expect(isAppError(addError) && addError.code).toBe('unavailable');
      // A worker keeps waiting for Redis to come back, but closing it must not.
      await jobs.process('nowhere', async () => undefined);
    } finally {
      await jobs.close();
    }
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
