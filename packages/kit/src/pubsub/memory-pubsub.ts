import { unavailable } from '../errors/index.js';
import type { PubSub, Unsubscribe } from './types.js';

export interface MemoryPubSubOptions {
  /** A handler threw; the other handlers still get the message. */
  onError?: (error: unknown, channel: string) => void;
}

type Handler = (message: string) => void;

interface Subscription {
  handler: Handler;
  active: boolean;
}

/**
 * In-process pub/sub for the embedded mode. Delivery is asynchronous, like Redis: `publish`
 * resolves before handlers run, and messages reach each handler in publish order.
 */
export class MemoryPubSub implements PubSub {
  private readonly channels = new Map<string, Set<Subscription>>();
  private closed = false;

  constructor(private readonly options: MemoryPubSubOptions = {}) {}

  async publish(channel: string, message: string): Promise<void> {
    this.assertOpen();
    const subscriptions = [...(this.channels.get(channel) ?? [])];
    for (const subscription of subscriptions) {
      queueMicrotask(() => this.deliver(channel, subscription, message));
    }
  }

  async subscribe(channel: string, handler: Handler): Promise<Unsubscribe> {
    this.assertOpen();
    // A record per call, so the same function subscribed twice is two subscriptions.
    const subscription: Subscription = { handler, active: true };
    const subscriptions = this.channels.get(channel) ?? new Set<Subscription>();
    subscriptions.add(subscription);
    this.channels.set(channel, subscriptions);
    return async () => {
      subscription.active = false;
      subscriptions.delete(subscription);
      if (subscriptions.size === 0 && this.channels.get(channel) === subscriptions) this.channels.delete(channel);
    };
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
  }

  private deliver(channel: string, subscription: Subscription, message: string): void {
    // Gone between publish and delivery: Redis would not deliver either.
    if (!subscription.active || this.closed) return;
    try {
      subscription.handler(message);
    } catch (error) {
      this.options.onError?.(error, channel);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable('the in-memory pub/sub is closed');
  }
}
