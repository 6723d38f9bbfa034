import { badRequest } from '../errors/index.js';

/** A whole, positive number of milliseconds (Redis rejects PX 0 and fractions); undefined means no expiry. */
export function checkedTtl(ttlMs: number | undefined): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw badRequest(`cache ttlMs must be a positive number, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
