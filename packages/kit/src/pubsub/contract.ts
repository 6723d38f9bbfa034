import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PubSub } from './types.js';

/** Resolves once `received` holds `count` items, or rejects after `timeoutMs`. */
async function waitFor(received: unknown[], count: number, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (received.length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${received.length}`);
    await sleep(5);
  }
}

/** The behaviour every PubSub must have. `make` returns a fresh, open instance; the suite closes it. */
export function runPubSubContract(name: string, make: () => PubSub | Promise<PubSub>): void {
  describe(`PubSub contract: ${name}`, () => {
    let opened: PubSub[];
    let channel: (label: string) => string;
    const open = async () => {
      const pubsub = await make();
      opened.push(pubsub);
      return pubsub;
    };

    beforeEach(() => {
      opened = [];
      const test = randomBytes(4).toString('hex');
      channel = (label) => `${test}.${label}`;
    });

    afterEach(async () => {
      await Promise.all(opened.map((pubsub) => pubsub.close()));
    });

    it('delivers a message to every subscriber of the channel', async () => {
      const pubsub = await open();
      const first: string[] = [];
      const second: string[] = [];
      await pubsub.subscribe(channel('news'), (message) => first.push(message));
      await pubsub.subscribe(channel('news'), (message) => second.push(message));
      await pubsub.publish(channel('news'), 'hello');
      await waitFor(first, 1);
      await waitFor(second, 1);
      expect(first).toEqual(['hello']);
      expect(second).toEqual(['hello']);
    });

    it('keeps the order of one publisher', async () => {
      const pubsub = await open();
      const received: string[] = [];
      await pubsub.subscribe(channel('ordered'), (message) => received.push(message));
      const sent = Array.from({ length: 50 }, (_, index) => `m${index}`);
      await Promise.all(sent.map((message) => pubsub.publish(channel('ordered'), message)));
      await waitFor(received, sent.length);
      expect(received).toEqual(sent);
    });

    it('does not leak messages to other channels', async () => {
      const pubsub = await open();
      const onA: string[] = [];
      const onB: string[] = [];
      await pubsub.subscribe(channel('a'), (message) => onA.push(message));
      await pubsub.subscribe(channel('b'), (message) => onB.push(message));
      await pubsub.publish(channel('a'), 'for a');
      await pubsub.publish(channel('b'), 'for b');
      await waitFor(onA, 1);
      await waitFor(onB, 1);
      await sleep(30);
      expect(onA).toEqual(['for a']);
      expect(onB).toEqual(['for b']);
    });

    it('unsubscribe removes only that handler; the last one leaving stops delivery', async () => {
      const pubsub = await open();
      const kept: string[] = [];
      const dropped: string[] = [];
      const handler = (message: string) => dropped.push(message);
      await pubsub.subscribe(channel('u'), (message) => kept.push(message));
      const unsubscribe = await pubsub.subscribe(channel('u'), handler);
      await unsubscribe();
      await unsubscribe();
      await pubsub.publish(channel('u'), 'after');
      await waitFor(kept, 1);
      await sleep(30);
      expect(dropped).toEqual([]);

      const again = await pubsub.subscribe(channel('v'), handler);
      await again();
      await pubsub.publish(channel('v'), 'nobody listens');
      await sleep(30);
      expect(dropped).toEqual([]);
    });

    it('subscribes the same function twice as two subscriptions', async () => {
      const pubsub = await open();
      const received: string[] = [];
      const handler = (message: string) => received.push(message);
      const first = await pubsub.subscribe(channel('twice'), handler);
      await pubsub.subscribe(channel('twice'), handler);
      await first();
      await pubsub.publish(channel('twice'), 'once');
      await waitFor(received, 1);
      await sleep(30);
      expect(received).toEqual(['once']);
    });

    it('keeps delivering to other handlers when one throws', async () => {
      const pubsub = await open();
      const received: string[] = [];
      await pubsub.subscribe(channel('boom'), () => {
        throw new Error('handler failure');
      });
      await pubsub.subscribe(channel('boom'), (message) => received.push(message));
      await pubsub.publish(channel('boom'), 'still here');
      await waitFor(received, 1);
      expect(received).toEqual(['still here']);
    });

    it('answers ping while open and refuses work once closed', async () => {
      const pubsub = await make();
      await expect(pubsub.ping()).resolves.toBeUndefined();
      await pubsub.close();
      await expect(pubsub.publish(channel('closed'), 'x')).rejects.toMatchObject({ code: 'unavailable' });
    });
  });
}
