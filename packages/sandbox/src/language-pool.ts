import { SandboxChild, type ChildExit, type ChildLimits } from './child.js';
import { sandboxBusy, sandboxUnavailable } from './errors.js';
import { workerLaunch, type WorkerLaunch } from './launch.js';
import type { RunMessage } from './protocol.js';
import type { SandboxLanguage, SandboxLanguageStats, SandboxLogger, SandboxRunResult } from './types.js';

/** Boot failures in a row after which runs fail at once instead of waiting for a child. */
const BOOT_FAILURES_TO_GIVE_UP = 3;

interface PendingRun {
  message: RunMessage;
  resolve(result: SandboxRunResult): void;
  reject(error: unknown): void;
}

export interface PoolSettings {
  size: number;
  queueLimit: number;
  limits: ChildLimits;
  logger: SandboxLogger | undefined;
}

/** The warm children of one language, the queue in front of them, and their counters. */
export class LanguagePool {
  private readonly children = new Set<SandboxChild>();
  private readonly queue: PendingRun[] = [];
  private readonly counters = { starts: 0, runs: 0, timeout: 0, memory: 0, crash: 0 };
  private bootFailures = 0;
  private lastBootError = '';
  private booted = 0;
  private readonly everReady = new WeakSet<SandboxChild>();
  /** Resets done by children that have since gone, so that the count never goes down. */
  private retiredResets = 0;
  private closed = false;
  private readonly launch: WorkerLaunch | Error;
  private readonly readiness: Promise<void>;
  private settleReadiness: { resolve(): void; reject(error: unknown): void } = { resolve: () => undefined, reject: () => undefined };

  constructor(
    private readonly language: SandboxLanguage,
    private readonly settings: PoolSettings,
  ) {
    this.readiness = new Promise<void>((resolve, reject) => (this.settleReadiness = { resolve, reject }));
    // Nobody may be waiting on readiness; its failure also shows through run().
    this.readiness.catch(() => undefined);
    this.launch = tryLaunch(language);
    if (this.launch instanceof Error) {
      this.lastBootError = this.launch.message;
      this.bootFailures = BOOT_FAILURES_TO_GIVE_UP;
      this.settleReadiness.reject(this.launch);
      return;
    }
    for (let index = 0; index < settings.size; index += 1) this.spawn();
  }

  ready(): Promise<void> {
    return this.readiness;
  }

  run(message: RunMessage): Promise<SandboxRunResult> {
    if (this.closed) return Promise.reject(sandboxUnavailable('the sandbox pool is closed'));
    if (this.broken()) return Promise.reject(sandboxUnavailable(`the ${this.language} sandbox cannot start: ${this.lastBootError}`));
    if (this.queue.length >= this.settings.queueLimit && this.pick(message.isolationKey) === null) {
      return Promise.reject(sandboxBusy(this.language, this.queue.length));
    }
    return new Promise<SandboxRunResult>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.drain();
    });
  }

  stats(): SandboxLanguageStats {
    const children = [...this.children];
    const count = (state: string) => children.filter((child) => child.state === state).length;
    return {
      size: this.settings.size,
      starts: this.counters.starts,
      resets: children.reduce((sum, child) => sum + child.resets, 0) + this.retiredResets,
      runs: this.counters.runs,
      idle: count('idle'),
      busy: count('busy'),
      starting: count('starting'),
      queued: this.queue.length,
      kills: { timeout: this.counters.timeout, memory: this.counters.memory, crash: this.counters.crash },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(sandboxUnavailable('the sandbox pool is closed'));
    this.settleReadiness.reject(sandboxUnavailable('the sandbox pool is closed'));
    await Promise.all([...this.children].map((child) => child.stop()));
  }

  private broken(): boolean {
    return this.bootFailures >= BOOT_FAILURES_TO_GIVE_UP && ![...this.children].some((child) => child.state === 'idle' || child.state === 'busy');
  }

  private spawn(): void {
    if (this.closed || this.launch instanceof Error) return;
    const child = new SandboxChild(this.launch, this.settings.limits, {
      ready: (ready) => this.onReady(ready),
      exited: (gone, exit) => this.onExit(gone, exit),
    });
    this.counters.starts += 1;
    this.children.add(child);
  }

  private onReady(child: SandboxChild): void {
    this.bootFailures = 0;
    if (!this.everReady.has(child)) {
      this.everReady.add(child);
      this.booted += 1;
      if (this.booted >= this.settings.size) this.settleReadiness.resolve();
    }
    this.drain();
  }

  private onExit(child: SandboxChild, exit: ChildExit): void {
    this.children.delete(child);
    this.retiredResets += child.resets;
    if (exit.reason !== 'closed') this.counters[exit.reason] += 1;
    if (this.closed) return;
    const log = { language: this.language, pid: child.pid, reason: exit.reason, detail: exit.detail };
    let delayMs = 0;
    if (exit.duringBoot) {
      this.bootFailures += 1;
      this.lastBootError = exit.detail;
      this.settings.logger?.error(log, 'sandbox worker failed to start');
      delayMs = Math.min(30_000, 500 * 2 ** (this.bootFailures - 1));
      if (this.broken()) {
        const error = sandboxUnavailable(`the ${this.language} sandbox cannot start: ${exit.detail}`);
        this.settleReadiness.reject(error);
        for (const pending of this.queue.splice(0)) pending.reject(error);
      }
    } else {
      this.settings.logger?.warn(log, 'sandbox worker stopped; starting a replacement');
    }
    // The pool keeps its size: every child that goes is replaced.
    setTimeout(() => this.spawn(), delayMs).unref();
  }

  /** Hands queued runs to idle children, oldest run first. */
  private drain(): void {
    while (this.queue.length > 0) {
      const head = this.queue[0] as PendingRun;
      const child = this.pick(head.message.isolationKey);
      if (child === null) return;
      this.queue.shift();
      this.counters.runs += 1;
      child.run(head);
    }
  }

  /** An idle child, preferring one whose interpreter already belongs to the key, then a pristine one. */
  private pick(key: string | null): SandboxChild | null {
    let fallback: SandboxChild | null = null;
    let pristine: SandboxChild | null = null;
    for (const child of this.children) {
      if (child.state !== 'idle') continue;
      if (key !== null && child.owner === key) return child;
      if (child.owner === null) pristine ??= child;
      fallback ??= child;
    }
    return pristine ?? fallback;
  }
}

function tryLaunch(language: SandboxLanguage): WorkerLaunch | Error {
  try {
    return workerLaunch(language);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
