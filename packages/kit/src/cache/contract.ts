import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from './types.js';

/**
 * The behaviour every Cache must have. `make` returns a fresh, open cache; the suite closes it.
 * Keys are random per test, so a shared Redis prefix is fine; the caller removes the prefix afterwards.
 */
export function runCacheContract(name: string, make: () => Cache | Promise<Cache>): void {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;
    let key: (label: string) => string;

    beforeEach(async () => {
      cache = await make();
      const test = randomBytes(4).toString('hex');
      key = (label) => `${test}:${label}`;
    });

    afterEach(async () => {
      await cache.close();
    });

    it('returns null for a missing key and the value for a set one', async () => {
      expect(await cache.get(key('missing'))).toBeNull();
      await cache.set(key('a'), 'one');
      expect(await cache.get(key('a'))).toBe('one');
      await cache.set(key('a'), 'two');
      expect(await cache.get(key('a'))).toBe('two');
    });

    it('forgets a value after its ttl', async () => {
      await cache.set(key('short'), 'v', { ttlMs: 100 });
      await cache.set(key('long'), 'v', { ttlMs: 5000 });
      expect(await cache.get(key('short'))).toBe('v');
      await sleep(150);
      expect(await cache.get(key('short'))).toBeNull();
      expect(await cache.get(key('long'))).toBe('v');
    });

    it('deletes a key, and deleting a missing key is fine', async () => {
      await cache.set(key('d'), 'v');
      await cache.delete(key('d'));
      await cache.delete(key('never-set'));
      expect(await cache.get(key('d'))).toBeNull();
    });

    it('lets exactly one of ten concurrent setIfAbsent calls win', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) => cache.setIfAbsent(key('lock'), `caller-${index}`, { ttlMs: 5000 })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await cache.get(key('lock'))).toBe(`caller-${winner}`);
    });

    it('allows setIfAbsent again once the previous value expired', async () => {
      expect(await cache.setIfAbsent(key('guard'), 'first', { ttlMs: 100 })).toBe(true);
      expect(await cache.setIfAbsent(key('guard'), 'second', { ttlMs: 100 })).toBe(false);
      await sleep(150);
      expect(await cache.setIfAbsent(key('guard'), 'third', { ttlMs: 100 })).toBe(true);
      expect(await cache.get(key('guard'))).toBe('third');
    });

    it('counts in a fixed window: the expiry is set when the counter is created', async () => {
      const counter = key('counter');
      expect(await cache.increment(counter, { ttlMs: 250 })).toBe(1);
      await sleep(120);
      // Were the window's end pushed back by these, it would be 370 ms, not 250 ms, after creation.
      expect(await cache.increment(counter, { ttlMs: 250 })).toBe(2);
      expect(await cache.increment(counter, { ttlMs: 250 })).toBe(3);
      await sleep(180);
      expect(await cache.increment(counter, { ttlMs: 250 })).toBe(1);
    });

    it('increments concurrently without losing counts', async () => {
      const counter = key('concurrent');
      const values = await Promise.all(Array.from({ length: 20 }, () => cache.increment(counter, { ttlMs: 5000 })));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    });

    it('refuses to increment a key that holds text', async () => {
      await cache.set(key('text'), 'hello');
      await expect(cache.increment(key('text'), { ttlMs: 1000 })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('rejects a ttl that is not positive', async () => {
      await expect(cache.set(key('bad'), 'v', { ttlMs: 0 })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(cache.setIfAbsent(key('bad'), 'v', { ttlMs: -5 })).rejects.toMatchObject({ code: 'bad_request' });
    });

    it('answers ping while open and refuses work once closed', async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
      await cache.close();
      await expect(cache.get(key('closed'))).rejects.toMatchObject({ code: 'unavailable' });
      await expect(cache.ping()).rejects.toMatchObject({ code: 'unavailable' });
    });
  });
}
