import { conflict, unavailable } from '../errors/index.js';
import { checkedTtl } from './ttl.js';
import type { Cache, CacheSetOptions } from './types.js';

export interface MemoryCacheOptions {
  /** Most keys kept; past it the least recently used key goes. Default 10 000. */
  maxEntries?: number;
  /** How often expired keys are swept; default 60 s. Expired keys are also ignored on read. */
  sweepIntervalMs?: number;
}

interface Entry {
  value: string;
  expiresAt: number | null;
}

/**
 * In-process cache for the embedded mode and for tests. A Map keeps insertion order, and a read
 * re-inserts its key, so the first key of the Map is always the least recently used one.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 60_000);
    // The sweep is housekeeping; it must never keep a process alive.
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | null> {
    return this.read(key)?.value ?? null;
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    this.write(key, { value, expiresAt: expiry(options.ttlMs) });
  }

  async setIfAbsent(key: string, value: string, options: Required<CacheSetOptions>): Promise<boolean> {
    const expiresAt = expiry(options.ttlMs);
    if (this.read(key)) return false;
    this.write(key, { value, expiresAt });
    return true;
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    this.entries.delete(key);
  }

  async increment(key: string, options: Required<CacheSetOptions>): Promise<number> {
    const expiresAt = expiry(options.ttlMs);
    const entry = this.read(key);
    if (!entry) {
      this.write(key, { value: '1', expiresAt });
      return 1;
    }
    const current = Number(entry.value);
    if (!Number.isSafeInteger(current)) throw conflict(`cache key "${key}" does not hold an integer`);
    entry.value = String(current + 1);
    return current + 1;
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.entries.clear();
  }

  /** Drops expired keys; runs on the timer, public so tests need not wait for it. */
  sweep(now = Date.now()): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
    }
  }

  private read(key: string): Entry | undefined {
    this.assertOpen();
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  private write(key: string, entry: Entry): void {
    this.assertOpen();
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable('the in-memory cache is closed');
  }
}

function expiry(ttlMs: number | undefined): number | null {
  const ttl = checkedTtl(ttlMs);
  return ttl === undefined ? null : Date.now() + ttl;
}
