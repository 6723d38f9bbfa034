import { fork, type ChildProcess } from 'node:child_process';
import { codeError, codeTimeout, sandboxUnavailable } from './errors.js';
import type { WorkerLaunch } from './launch.js';
import { parseWorkerMessage, type RunMessage, type WorkerMessage, type WorkerSettings } from './protocol.js';
import type { SandboxRunResult } from './types.js';

export type ChildState = 'starting' | 'idle' | 'busy' | 'dead';
export type ExitReason = 'timeout' | 'memory' | 'crash' | 'closed';

export interface ChildJob {
  message: RunMessage;
  resolve(result: SandboxRunResult): void;
  reject(error: unknown): void;
}

export interface ChildExit {
  reason: ExitReason;
  /** It died before it was ever ready: a boot failure, counted towards giving up. */
  duringBoot: boolean;
  detail: string;
}

export interface ChildEvents {
  ready(child: SandboxChild): void;
  exited(child: SandboxChild, exit: ChildExit): void;
}

export interface ChildLimits {
  settings: WorkerSettings;
  killGraceMs: number;
  /** Boot, and the wait for a run to start (a Python reset), may take this long before the child is killed. */
  startTimeoutMs: number;
}

const STDERR_TAIL_BYTES = 4096;

/** One warm worker process. It runs one job at a time; the pool decides which. */
export class SandboxChild {
  state: ChildState = 'starting';
  /** Isolation key of the interpreter state the worker holds (scheduling hint only). */
  owner: string | null = null;
  resets = 0;
  private readonly process: ChildProcess;
  private job: ChildJob | null = null;
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private killReason: ExitReason | null = null;
  private everReady = false;
  private stderrTail = '';
  private failure = '';

  constructor(
    launch: WorkerLaunch,
    private readonly limits: ChildLimits,
    private readonly events: ChildEvents,
  ) {
    this.process = fork(launch.script, [JSON.stringify(limits.settings)], {
      cwd: launch.cwd,
      execArgv: launch.execArgv,
      // Nothing of the host's environment reaches user code.
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.process.stderr?.setEncoding('utf8');
    this.process.stderr?.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    this.process.on('message', (message) => this.onMessage(message));
    this.process.on('exit', (code, signal) => this.onExit(code, signal));
    this.process.on('error', (error) => {
      this.failure = error.message;
      this.kill('crash');
    });
    this.arm(limits.startTimeoutMs, 'crash');
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  run(job: ChildJob): void {
    this.state = 'busy';
    this.job = job;
    this.arm(this.limits.startTimeoutMs, 'crash');
    this.process.send(job.message);
  }

  kill(reason: ExitReason): void {
    if (this.state === 'dead' || this.killReason !== null) return;
    this.killReason = reason;
    this.process.kill('SIGKILL');
  }

  /** Resolves once the process is gone. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.kill('closed');
    await exited;
  }

  private arm(ms: number, reason: ExitReason): void {
    this.disarm();
    this.timer = setTimeout(() => this.kill(reason), ms);
  }

  private disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private onMessage(raw: unknown): void {
    const message = parseWorkerMessage(raw);
    // A worker runs hostile code: a message it should not send ends it.
    if (message === null || !this.expects(message)) {
      this.failure = 'the worker sent an unexpected message';
      this.kill('crash');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.disarm();
        this.everReady = true;
        this.state = 'idle';
        this.owner = message.owner;
        this.resets = message.resets;
        this.events.ready(this);
        return;
      case 'started':
        this.startedAt = performance.now();
        this.resets = message.resets;
        this.arm((this.job?.message.timeoutMs ?? 0) + this.limits.killGraceMs, 'timeout');
        return;
      case 'failed':
        this.failure = message.message;
        this.kill('crash');
        return;
      case 'finished':
        this.finish(message);
        return;
    }
  }

  private expects(message: WorkerMessage): boolean {
    if (message.type === 'failed') return true;
    if (message.type === 'ready') return this.state === 'starting' || (this.state === 'busy' && this.job === null);
    return this.job !== null && message.id === this.job.message.id && (message.type === 'finished' || this.startedAt === 0);
  }

  private finish(message: Extract<WorkerMessage, { type: 'finished' }>): void {
    const job = this.job;
    if (job === null) return;
    // Until the worker says ready it is still busy (a Python reset may follow); the hard deadline no longer applies.
    this.arm(this.limits.startTimeoutMs, 'crash');
    this.job = null;
    const durationMs = this.startedAt === 0 ? 0 : Math.round(performance.now() - this.startedAt);
    this.startedAt = 0;
    const stdout = capOutput(message.stdout, this.limits.settings.maxOutputBytes);
    if (!message.ok) {
      const { code, message: text, details } = message.error;
      job.reject(code === 'code_timeout' ? codeTimeout(job.message.timeoutMs) : codeError(code, text, { ...details, stdout }));
      return;
    }
    const result = parseResult(message.resultJson, this.limits.settings.maxResultBytes);
    if (typeof result === 'string') job.reject(codeError('code_result_invalid', result, { stdout }));
    else job.resolve({ result, stdout, durationMs });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.disarm();
    const wasBooting = !this.everReady;
    this.state = 'dead';
    // V8 prints this before it aborts on a full heap; user code cannot write to the worker's stderr.
    const reason = this.killReason ?? (/heap out of memory/i.test(this.stderrTail) ? 'memory' : 'crash');
    const detail = this.failure || this.stderrTail.trim().split('\n').slice(-3).join(' | ') || `exit code ${code ?? signal ?? 'unknown'}`;
    const job = this.job;
    this.job = null;
    if (job !== null) job.reject(jobError(reason, job.message.timeoutMs, detail));
    this.events.exited(this, { reason, duringBoot: wasBooting, detail });
  }
}

function jobError(reason: ExitReason, timeoutMs: number, detail: string): unknown {
  switch (reason) {
    case 'timeout':
      return codeTimeout(timeoutMs);
    case 'memory':
      return codeError('code_memory_exceeded', 'the code used more memory than the sandbox allows and its process was stopped');
    case 'closed':
      return sandboxUnavailable('the sandbox pool was closed while the code ran');
    case 'crash':
      return codeError('code_crashed', 'the sandbox process stopped while running the code; it has been replaced', { detail });
  }
}

/** The worker caps output itself (plus its marker line); this only guards against one that does not. */
function capOutput(stdout: string, maxBytes: number): string {
  return Buffer.byteLength(stdout, 'utf8') > maxBytes + 100 ? `${stdout.slice(0, maxBytes)}\n[output truncated at ${maxBytes} bytes]\n` : stdout;
}

/** The result as a plain JSON object, or why it is not one. */
function parseResult(json: string, maxBytes: number): Record<string, unknown> | string {
  if (Buffer.byteLength(json, 'utf8') > maxBytes) return `the result of main is larger than ${maxBytes} bytes of JSON`;
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    return 'main must return an object';
  } catch {
    return 'the result of main is not valid JSON';
  }
}
