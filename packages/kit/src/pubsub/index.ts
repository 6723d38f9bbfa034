export type { PubSub, Unsubscribe } from './types.js';
export { MemoryPubSub, type MemoryPubSubOptions } from './memory-pubsub.js';
export { RedisPubSub, type RedisPubSubOptions } from './redis-pubsub.js';
export { createPubSub, type PubSubConfig } from './create-pubsub.js';
