import { unavailable } from '../errors/index.js';
import { closeRedisClient, pingRedis, redisCommandError, type RedisClient } from '../cache/index.js';
import type { PubSub, Unsubscribe } from './types.js';

export interface RedisPubSubOptions {
  /** Prepended to every channel, e.g. `astron:workflow:`. */
  prefix: string;
  /** Names the server in errors, e.g. `127.0.0.1:6379`. */
  where: string;
  /** A handler threw; the other handlers still get the message. */
  onError?: (error: unknown, channel: string) => void;
}

type Handler = (message: string) => void;

interface Subscription {
  handler: Handler;
  active: boolean;
}

interface ChannelState {
  subscriptions: Set<Subscription>;
  /** Settles when Redis confirmed the SUBSCRIBE; later subscribers of the channel wait on it too. */
  subscribed: Promise<unknown>;
}

/**
 * Pub/sub on Redis over two connections it owns: a connection in subscriber mode cannot publish.
 * One SUBSCRIBE per channel however many handlers; the last handler to leave sends UNSUBSCRIBE.
 */
export class RedisPubSub implements PubSub {
  private readonly channels = new Map<string, ChannelState>();
  private closed = false;

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly options: RedisPubSubOptions,
  ) {
    subscriber.on('message', (channel: string, message: string) => this.dispatch(channel, message));
  }

  async publish(channel: string, message: string): Promise<void> {
    this.assertOpen();
    await this.run(this.publisher, () => this.publisher.publish(this.options.prefix + channel, message));
  }

  async subscribe(channel: string, handler: Handler): Promise<Unsubscribe> {
    this.assertOpen();
    const fullChannel = this.options.prefix + channel;
    let state = this.channels.get(fullChannel);
    if (!state) {
      state = { subscriptions: new Set(), subscribed: this.subscriber.subscribe(fullChannel) };
      this.channels.set(fullChannel, state);
    }
    const subscription: Subscription = { handler, active: true };
    state.subscriptions.add(subscription);
    try {
      await this.run(this.subscriber, () => state.subscribed);
    } catch (error) {
      this.remove(fullChannel, state, subscription);
      throw error;
    }
    return async () => {
      if (this.remove(fullChannel, state, subscription) && !this.closed) {
        // Best effort: messages of a channel nobody listens to are dropped by dispatch anyway.
        await this.subscriber.unsubscribe(fullChannel).catch((error: unknown) => this.options.onError?.(error, channel));
      }
    };
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await pingRedis(this.publisher, this.options.where);
    if (this.channels.size > 0) await pingRedis(this.subscriber, this.options.where);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
    await Promise.all([closeRedisClient(this.publisher), closeRedisClient(this.subscriber)]);
  }

  /** Forgets a subscription; true when it was the channel's last one and the channel should be unsubscribed. */
  private remove(fullChannel: string, state: ChannelState, subscription: Subscription): boolean {
    if (!subscription.active) return false;
    subscription.active = false;
    state.subscriptions.delete(subscription);
    if (state.subscriptions.size > 0 || this.channels.get(fullChannel) !== state) return false;
    this.channels.delete(fullChannel);
    return true;
  }

  private dispatch(fullChannel: string, message: string): void {
    const state = this.channels.get(fullChannel);
    if (!state) return;
    for (const subscription of [...state.subscriptions]) {
      if (!subscription.active) continue;
      try {
        subscription.handler(message);
      } catch (error) {
        this.options.onError?.(error, fullChannel.slice(this.options.prefix.length));
      }
    }
  }

  private async run<T>(client: RedisClient, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw redisCommandError(client, this.options.where, error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable('the Redis pub/sub is closed');
  }
}
