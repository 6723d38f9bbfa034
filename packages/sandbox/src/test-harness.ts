import { AppError } from '@astron/kit/errors';
import { createSandboxPool } from './pool.js';
import type { SandboxPool, SandboxPoolOptions } from './types.js';

/** Pyodide boots in about 3 s on a quiet machine; a busy CI runner with parallel suites needs far more. */
export const BOOT_TIMEOUT_MS = 120_000;

/** A pool whose children have all booted. Workers run from dist: `npx tsc -b packages/sandbox` first. */
export async function startPool(options: SandboxPoolOptions): Promise<SandboxPool> {
  const pool = createSandboxPool(options);
  await pool.ready();
  return pool;
}

/** The AppError a run failed with; any other outcome fails the test. */
export async function failureOf(run: Promise<unknown>): Promise<AppError> {
  let value: unknown;
  try {
    value = await run;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected the run to fail, it returned ${JSON.stringify(value)}`);
}
