import { envInt } from '@astron/kit/config';
import type { SandboxPoolOptions } from './types.js';

/**
 * The sandbox's variables, for a service's config schema. CODE_EXEC_TIMEOUT_SEC is the original
 * astron-agent's name for the code node's timeout.
 */
export const sandboxEnvShape = {
  SANDBOX_POOL_SIZE: envInt(2, 1, 32),
  SANDBOX_MEMORY_LIMIT_MB: envInt(128, 16, 2048),
  SANDBOX_QUEUE_LIMIT: envInt(64, 0, 10_000),
  CODE_EXEC_TIMEOUT_SEC: envInt(10, 1, 600),
};

export interface SandboxEnv {
  SANDBOX_POOL_SIZE: number;
  SANDBOX_MEMORY_LIMIT_MB: number;
  SANDBOX_QUEUE_LIMIT: number;
  CODE_EXEC_TIMEOUT_SEC: number;
}

export function sandboxOptionsFromEnv(env: SandboxEnv): SandboxPoolOptions {
  return {
    size: env.SANDBOX_POOL_SIZE,
    memoryLimitMb: env.SANDBOX_MEMORY_LIMIT_MB,
    queueLimit: env.SANDBOX_QUEUE_LIMIT,
    timeoutMs: env.CODE_EXEC_TIMEOUT_SEC * 1000,
  };
}
