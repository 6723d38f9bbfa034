import { expect, it } from 'vitest';
import { runPubSubContract } from './contract.js';
import { createPubSub } from './create-pubsub.js';
import { MemoryPubSub } from './memory-pubsub.js';

runPubSubContract('MemoryPubSub', () => createPubSub({ kind: 'memory' }));

it('reports a throwing handler to onError with its channel', async () => {
  const errors: string[] = [];
  const pubsub = new MemoryPubSub({ onError: (_error, channel) => errors.push(channel) });
  await pubsub.subscribe('c', () => {
    throw new Error('boom');
  });
  await pubsub.publish('c', 'x');
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(errors).toEqual(['c']);
  await pubsub.close();
});
