import { describe, expect, it } from 'vitest';
import { sandboxEnvShape, sandboxOptionsFromEnv } from './config.js';

function parse(env: Record<string, string | undefined>) {
  return {
    SANDBOX_POOL_SIZE: sandboxEnvShape.SANDBOX_POOL_SIZE.parse(env.SANDBOX_POOL_SIZE),
    SANDBOX_MEMORY_LIMIT_MB: sandboxEnvShape.SANDBOX_MEMORY_LIMIT_MB.parse(env.SANDBOX_MEMORY_LIMIT_MB),
    SANDBOX_QUEUE_LIMIT: sandboxEnvShape.SANDBOX_QUEUE_LIMIT.parse(env.SANDBOX_QUEUE_LIMIT),
    CODE_EXEC_TIMEOUT_SEC: sandboxEnvShape.CODE_EXEC_TIMEOUT_SEC.parse(env.CODE_EXEC_TIMEOUT_SEC),
  };
}

describe('sandbox configuration', () => {
  it('defaults to two children per language, 128 MB, a queue of 64 and the original 10 s timeout', () => {
    expect(sandboxOptionsFromEnv(parse({}))).toEqual({ size: 2, memoryLimitMb: 128, queueLimit: 64, timeoutMs: 10_000 });
  });

  it('reads the variables', () => {
    const env = { SANDBOX_POOL_SIZE: '4', SANDBOX_MEMORY_LIMIT_MB: '256', SANDBOX_QUEUE_LIMIT: '0', CODE_EXEC_TIMEOUT_SEC: '30' };
    expect(sandboxOptionsFromEnv(parse(env))).toEqual({ size: 4, memoryLimitMb: 256, queueLimit: 0, timeoutMs: 30_000 });
  });

  it('rejects values out of range with a message a deployer can act on', () => {
    const result = sandboxEnvShape.SANDBOX_POOL_SIZE.safeParse('0');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('expected an integer from 1 to 32');
    expect(sandboxEnvShape.SANDBOX_MEMORY_LIMIT_MB.safeParse('lots').success).toBe(false);
  });
});
