import { sandboxUnavailable } from './errors.js';
import { LanguagePool, type PoolSettings } from './language-pool.js';
import { toRunMessage } from './request.js';
import {
  SANDBOX_LANGUAGES,
  type SandboxLanguage,
  type SandboxLanguageStats,
  type SandboxPool,
  type SandboxPoolOptions,
  type SandboxRunRequest,
  type SandboxRunResult,
  type SandboxStats,
} from './types.js';

function emptyStats(): SandboxLanguageStats {
  return { size: 0, starts: 0, resets: 0, runs: 0, idle: 0, busy: 0, starting: 0, queued: 0, kills: { timeout: 0, memory: 0, crash: 0 } };
}

/**
 * Warm pools of locked-down worker processes for the code node: Python in Pyodide, JavaScript in
 * QuickJS. See the package README for the isolation layers and what they do not cover.
 */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const settings: PoolSettings = {
    size: options.size ?? 2,
    queueLimit: options.queueLimit ?? 64,
    logger: options.logger,
    limits: {
      settings: { memoryLimitMb: options.memoryLimitMb ?? 128, maxOutputBytes: options.maxOutputBytes ?? 65_536, maxResultBytes: options.maxResultBytes ?? 4 * 1_048_576 },
      killGraceMs: options.killGraceMs ?? 1_000,
      startTimeoutMs: 60_000,
    },
  };
  const pools = new Map<SandboxLanguage, LanguagePool>();
  for (const language of options.languages ?? SANDBOX_LANGUAGES) pools.set(language, new LanguagePool(language, settings));

  return {
    async run(request: SandboxRunRequest): Promise<SandboxRunResult> {
      const pool = pools.get(request.language);
      if (pool === undefined) throw sandboxUnavailable(`the ${String(request.language)} sandbox is not enabled in this pool`);
      return pool.run(toRunMessage(request, timeoutMs));
    },
    async ready(): Promise<void> {
      await Promise.all([...pools.values()].map((pool) => pool.ready()));
    },
    stats(): SandboxStats {
      return {
        python: pools.get('python')?.stats() ?? emptyStats(),
        javascript: pools.get('javascript')?.stats() ?? emptyStats(),
      };
    },
    async close(): Promise<void> {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
