import { conflict } from '../errors/index.js';
import { closeRedisClient, pingRedis, redisCommandError, type RedisClient } from './redis-connection.js';
import { checkedTtl } from './ttl.js';
import type { Cache, CacheSetOptions } from './types.js';

export interface RedisCacheOptions {
  /** Prepended to every key, e.g. `astron:tenant:`. */
  prefix: string;
  /** Names the server in errors, e.g. `127.0.0.1:6379`. */
  where: string;
}

/**
 * INCR and the window's expiry in one step, so a crash between the two cannot leave a counter
 * that never expires. PTTL < 0 also repairs a counter that somehow lost its expiry.
 */
const incrementScript = `
local value = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return value`;

/** Cache on Redis. Owns its client: `close()` quits it. */
export class RedisCache implements Cache {
  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisCacheOptions,
  ) {}

  async get(key: string): Promise<string | null> {
    return this.run(() => this.client.get(this.key(key)));
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    const ttl = checkedTtl(options.ttlMs);
    await this.run(() =>
      ttl === undefined ? this.client.set(this.key(key), value) : this.client.set(this.key(key), value, 'PX', ttl),
    );
  }

  async setIfAbsent(key: string, value: string, options: Required<CacheSetOptions>): Promise<boolean> {
    const ttl = checkedTtl(options.ttlMs) ?? 0;
    const reply = await this.run(() => this.client.set(this.key(key), value, 'PX', ttl, 'NX'));
    return reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.run(() => this.client.del(this.key(key)));
  }

  async increment(key: string, options: Required<CacheSetOptions>): Promise<number> {
    const ttl = checkedTtl(options.ttlMs) ?? 0;
    try {
      const reply = await this.run(() => this.client.eval(incrementScript, 1, this.key(key), ttl));
      return Number(reply);
    } catch (error) {
      if (error instanceof Error && /not an integer/.test(error.message)) {
        throw conflict(`cache key "${key}" does not hold an integer`);
      }
      throw error;
    }
  }

  async ping(): Promise<void> {
    await pingRedis(this.client, this.options.where);
  }

  async close(): Promise<void> {
    await closeRedisClient(this.client);
  }

  private key(key: string): string {
    return this.options.prefix + key;
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw redisCommandError(this.client, this.options.where, error);
    }
  }
}
