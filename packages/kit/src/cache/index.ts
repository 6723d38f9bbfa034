export type { Cache, CacheSetOptions } from './types.js';
export { MemoryCache, type MemoryCacheOptions } from './memory-cache.js';
export { RedisCache, type RedisCacheOptions } from './redis-cache.js';
export { createCache, type CacheConfig } from './create-cache.js';
export {
  closeRedisClient,
  createRedisClient,
  deleteRedisKeys,
  describeRedis,
  pingRedis,
  redisCommandError,
  redisFailureReason,
  type RedisClient,
  type RedisClientOptions,
  type RedisConnectionConfig,
  type RedisRole,
} from './redis-connection.js';
