import { afterEach, describe, expect, it } from 'vitest';
import { runCacheContract } from './contract.js';
import { createCache } from './create-cache.js';
import { MemoryCache } from './memory-cache.js';

runCacheContract('MemoryCache', () => createCache({ kind: 'memory' }));

describe('MemoryCache bounds', () => {
  let cache: MemoryCache;
  afterEach(async () => {
    await cache.close();
  });

  it('evicts the least recently used key past maxEntries', async () => {
    cache = new MemoryCache({ maxEntries: 3 });
    await cache.set('a', '1');
    await cache.set('b', '2');
    await cache.set('c', '3');
    await cache.get('a');
    await cache.set('d', '4');
    expect(cache.size).toBe(3);
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('d')).toBe('4');
  });

  it('sweeps expired keys on its timer without being read', async () => {
    cache = new MemoryCache({ sweepIntervalMs: 20 });
    await cache.set('gone', 'v', { ttlMs: 10 });
    await cache.set('kept', 'v');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.size).toBe(1);
  });
});
