import { createRedisClient, describeRedis, type RedisConnectionConfig } from '../cache/index.js';
import { MemoryPubSub } from './memory-pubsub.js';
import { RedisPubSub } from './redis-pubsub.js';
import type { PubSub } from './types.js';

export type PubSubConfig =
  | { kind: 'memory'; onError?: (error: unknown, channel: string) => void }
  | {
      kind: 'redis';
      redis: RedisConnectionConfig;
      prefix: string;
      /** Handler errors (with the channel) and connection errors (without). */
      onError?: (error: unknown, channel?: string) => void;
    };

/**
 * The pub/sub the configuration asks for. Each call makes a new bus: in the embedded mode, services
 * in one process only hear each other when the launcher hands them the same MemoryPubSub.
 */
export function createPubSub(config: PubSubConfig): PubSub {
  if (config.kind === 'memory') return new MemoryPubSub({ onError: config.onError });
  const onConnectionError = (error: Error) => config.onError?.(error);
  const publisher = createRedisClient(config.redis, { connectionName: `${config.prefix}pub`, onError: onConnectionError });
  const subscriber = createRedisClient(config.redis, {
    role: 'subscriber',
    connectionName: `${config.prefix}sub`,
    onError: onConnectionError,
  });
  return new RedisPubSub(publisher, subscriber, {
    prefix: config.prefix,
    where: describeRedis(config.redis),
    onError: config.onError,
  });
}
