export interface CacheSetOptions {
  ttlMs?: number;
}

/** Key-value cache with expiry. Keys are namespaced by the implementation's prefix. */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options?: CacheSetOptions): Promise<void>;
  /** Sets only when the key is absent; true when this call set it. Used for replay guards and locks. */
  setIfAbsent(key: string, value: string, options: Required<CacheSetOptions>): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Adds 1 and returns the new value; the expiry is set when the counter is created (fixed window). */
  increment(key: string, options: Required<CacheSetOptions>): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
