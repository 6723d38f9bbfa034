import { MemoryCache, type MemoryCacheOptions } from './memory-cache.js';
import { RedisCache } from './redis-cache.js';
import { createRedisClient, describeRedis, type RedisConnectionConfig } from './redis-connection.js';
import type { Cache } from './types.js';

export type CacheConfig =
  | ({ kind: 'memory' } & MemoryCacheOptions)
  | { kind: 'redis'; redis: RedisConnectionConfig; prefix: string; onError?: (error: Error) => void };

/** The cache the configuration asks for; the Redis one connects on first use. */
export function createCache(config: CacheConfig): Cache {
  if (config.kind === 'memory') return new MemoryCache(config);
  const client = createRedisClient(config.redis, { connectionName: `${config.prefix}cache`, onError: config.onError });
  return new RedisCache(client, { prefix: config.prefix, where: describeRedis(config.redis) });
}
