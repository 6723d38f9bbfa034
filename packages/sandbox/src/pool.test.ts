import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from './pool.js';
import { BOOT_TIMEOUT_MS, failureOf, startPool } from './test-harness.js';
import type { SandboxPool } from './types.js';

const SPIN = 'function main({ ms }) { const end = Date.now() + ms; while (Date.now() < end) {} return { ms }; }';

describe('queueing', () => {
  let pool: SandboxPool;

  beforeAll(async () => {
    pool = await startPool({ size: 1, languages: ['javascript'], queueLimit: 1, timeoutMs: 5_000 });
  }, BOOT_TIMEOUT_MS);

  afterAll(() => pool.close());

  it('queues a run behind a busy child and refuses one past the queue limit with sandbox_busy', async () => {
    const first = pool.run({ language: 'javascript', code: SPIN, args: { ms: 300 } });
    const second = pool.run({ language: 'javascript', code: SPIN, args: { ms: 10 } });
    expect(pool.stats().javascript).toMatchObject({ busy: 1, queued: 1 });
    const refused = await failureOf(pool.run({ language: 'javascript', code: SPIN, args: { ms: 10 } }));
    expect(refused).toMatchObject({ code: 'sandbox_busy', status: 503, retryable: true });
    expect(refused.message).toBe('all javascript sandboxes are busy and 1 runs are already waiting; try again shortly');
    expect((await first).result).toEqual({ ms: 300 });
    expect((await second).result).toEqual({ ms: 10 });
    expect(pool.stats().javascript.queued).toBe(0);
  });
});

describe('concurrency', () => {
  let pool: SandboxPool;

  beforeAll(async () => {
    pool = await startPool({ size: 2, languages: ['javascript'] });
  }, BOOT_TIMEOUT_MS);

  afterAll(() => pool.close());

  it('spreads runs over the warm children and keeps the pool at its size', async () => {
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => pool.run({ language: 'javascript', code: 'function main({ n }) { return { n }; }', args: { n } })));
    expect(runs.map((run) => run.result.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pool.stats().javascript).toMatchObject({ size: 2, starts: 2, runs: 6, queued: 0 });
  });

  it('rejects malformed requests before they reach a child', async () => {
    const invalid = (request: Parameters<SandboxPool['run']>[0]) => failureOf(pool.run(request));
    expect(await invalid({ language: 'javascript', code: 'x'.repeat(1_048_577), args: {} })).toMatchObject({ code: 'code_request_invalid', status: 400 });
    expect((await invalid({ language: 'javascript', code: SPIN, args: { big: 1n } })).message).toMatch(/^the arguments cannot be converted to JSON/);
    expect((await invalid({ language: 'javascript', code: SPIN, args: [] as unknown as Record<string, unknown> })).code).toBe('code_request_invalid');
    expect((await invalid({ language: 'javascript', code: SPIN, args: {}, timeoutMs: 0 })).code).toBe('code_request_invalid');
    expect(await invalid({ language: 'python', code: 'def main(): return {}', args: {} })).toMatchObject({ code: 'sandbox_unavailable', message: 'the python sandbox is not enabled in this pool' });
  });
});

describe('closing', () => {
  it('fails queued and later runs with sandbox_unavailable and stops every child', async () => {
    const pool = await startPool({ size: 1, languages: ['javascript'] });
    const running = failureOf(pool.run({ language: 'javascript', code: SPIN, args: { ms: 2_000 } }));
    const queued = failureOf(pool.run({ language: 'javascript', code: SPIN, args: { ms: 10 } }));
    await pool.close();
    expect(await running).toMatchObject({ code: 'sandbox_unavailable', message: 'the sandbox pool was closed while the code ran' });
    expect(await queued).toMatchObject({ code: 'sandbox_unavailable', message: 'the sandbox pool is closed' });
    expect(await failureOf(pool.run({ language: 'javascript', code: SPIN, args: {} }))).toMatchObject({ code: 'sandbox_unavailable' });
    expect(pool.stats().javascript).toMatchObject({ idle: 0, busy: 0, starting: 0 });
  }, BOOT_TIMEOUT_MS);

  it('stats are zero for a language the pool does not run', () => {
    const pool = createSandboxPool({ languages: [] });
    expect(pool.stats().python).toMatchObject({ size: 0, starts: 0, runs: 0 });
    return pool.close();
  });
});
