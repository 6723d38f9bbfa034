export type SandboxLanguage = 'python' | 'javascript';

export const SANDBOX_LANGUAGES: readonly SandboxLanguage[] = ['python', 'javascript'];

export interface SandboxRunRequest {
  language: SandboxLanguage;
  /** Defines `main`: Python `def main(a, b)`, JavaScript `function main({ a, b })`. */
  code: string;
  /** The node's input variables: keyword arguments in Python, the one object argument in JavaScript. */
  args: Record<string, unknown>;
  /** Overrides the pool's timeout for this run. */
  timeoutMs?: number;
  /**
   * Who the run belongs to (the workflow service passes the space id). A Python interpreter is reused
   * only by later runs with the same key; a run with another key, or with none, gets a fresh
   * interpreter. JavaScript always gets a fresh QuickJS runtime, so the key does not matter there.
   */
  isolationKey?: string;
}

export interface SandboxRunResult {
  /** What `main` returned: a JSON object. */
  result: Record<string, unknown>;
  /** print() / console.log output, capped at `maxOutputBytes`. */
  stdout: string;
  /** From the start of the user's code to its result, queue time not included. */
  durationMs: number;
}

/** Structural subset of a pino logger, so that any kit logger fits. */
export interface SandboxLogger {
  warn(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export interface SandboxPoolOptions {
  /** Warm child processes per language (SANDBOX_POOL_SIZE); default 2. */
  size?: number;
  /** What user code may allocate (SANDBOX_MEMORY_LIMIT_MB); default 128. */
  memoryLimitMb?: number;
  /** Default deadline of a run (CODE_EXEC_TIMEOUT_SEC × 1000); default 10 000. */
  timeoutMs?: number;
  /** Runs waiting for a free child, per language, before `sandbox_busy` (SANDBOX_QUEUE_LIMIT); default 64. */
  queueLimit?: number;
  /** Languages to start children for; default both. */
  languages?: readonly SandboxLanguage[];
  /** How long after the deadline a child that did not stop by itself is killed; default 1 000. */
  killGraceMs?: number;
  /** Cap of captured output per run; default 64 KiB. */
  maxOutputBytes?: number;
  /** Cap of the JSON result per run; default 4 MiB. */
  maxResultBytes?: number;
  logger?: SandboxLogger;
}

export interface SandboxLanguageStats {
  size: number;
  /** Child processes started (each one boots its engine from scratch), replacements included. */
  starts: number;
  /** Python only: interpreters re-created inside a live child from its boot snapshot. */
  resets: number;
  runs: number;
  idle: number;
  busy: number;
  starting: number;
  queued: number;
  /** Children killed or lost, by reason. */
  kills: { timeout: number; memory: number; crash: number };
}

export type SandboxStats = Record<SandboxLanguage, SandboxLanguageStats>;

export interface SandboxPool {
  run(request: SandboxRunRequest): Promise<SandboxRunResult>;
  /** Resolves once every child has booted (or rejects with the boot error). */
  ready(): Promise<void>;
  stats(): SandboxStats;
  close(): Promise<void>;
}
