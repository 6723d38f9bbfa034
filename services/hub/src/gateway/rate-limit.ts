import type { FastifyReply } from 'fastify';
import type { Cache } from '@astron/kit/cache';
import { tooManyRequests } from '@astron/kit/errors';

export const WINDOW_MS = 60_000;

/**
 * A fixed one-minute window per key: one counter per (key, minute), made with its expiry, so it is
 * one INCR on Redis and nothing to clean up. A burst of up to twice the limit across a minute
 * boundary is the accepted price (docs/decisions/0005-providers-and-gateway.md).
 */
export async function applyRateLimit(cache: Cache, limit: number, apiKey: string, reply: FastifyReply, now = Date.now()): Promise<void> {
  const windowStart = now - (now % WINDOW_MS);
  const windowEnd = windowStart + WINDOW_MS;
  const count = await cache.increment(`gateway:rate:${apiKey}:${windowStart}`, { ttlMs: windowEnd - now + 1_000 });
  const resetSeconds = Math.max(1, Math.ceil((windowEnd - now) / 1000));
  void reply.header('x-ratelimit-limit', String(limit));
  void reply.header('x-ratelimit-remaining', String(Math.max(0, limit - count)));
  void reply.header('x-ratelimit-reset', String(resetSeconds));
  if (count > limit) {
    throw tooManyRequests(`this API key made more than ${limit} requests this minute (RATE_LIMIT_PER_MINUTE); retry in ${resetSeconds} s`, resetSeconds);
  }
}
