import { randomUUID } from 'node:crypto';
import { unavailable } from '../errors/index.js';
import { backoffDelay, checkJobOptions, copyJobData, isFinalFailure } from './job-rules.js';
import type { Job, JobCounts, JobHandler, JobOptions, JobQueue } from './types.js';

export interface MemoryQueueOptions {
  /** An attempt threw (whether or not it will be retried); the same hook as BullMqQueue's. */
  onError?: (error: unknown, job?: Job<unknown>) => void;
}

interface QueuedJob {
  job: Job<unknown>;
  options: JobOptions;
}

interface Consumer {
  handler: JobHandler<unknown>;
  concurrency: number;
  running: Set<Promise<void>>;
}

interface QueueState {
  waiting: QueuedJob[];
  delayed: Map<QueuedJob, NodeJS.Timeout>;
  active: Set<QueuedJob>;
  /** Ids of jobs waiting, delayed or running: what `jobId` deduplicates against. */
  live: Set<string>;
  consumers: Consumer[];
  completed: number;
  failed: number;
}

/**
 * In-process jobs for the embedded mode and tests: nothing survives a restart. Job data is copied
 * through JSON, as BullMQ stores it, so a handler sees the same shapes in every mode.
 */
export class MemoryQueue implements JobQueue {
  private readonly queues = new Map<string, QueueState>();
  private closed = false;

  constructor(private readonly options: MemoryQueueOptions = {}) {}

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<string> {
    this.assertOpen();
    checkJobOptions(queue, options);
    const state = this.state(queue);
    if (options.jobId !== undefined && state.live.has(options.jobId)) return options.jobId;
    const job: Job<unknown> = { id: options.jobId ?? randomUUID(), queue, data: copyJobData(data), attempt: 0 };
    state.live.add(job.id);
    this.schedule(state, { job, options }, options.delayMs ?? 0);
    return job.id;
  }

  async process<T>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}) {
    this.assertOpen();
    const state = this.state(queue);
    const consumer: Consumer = {
      handler: handler as JobHandler<unknown>,
      concurrency: Math.max(1, options.concurrency ?? 1),
      running: new Set(),
    };
    state.consumers.push(consumer);
    this.pump(state);
    return async () => {
      state.consumers = state.consumers.filter((other) => other !== consumer);
      await Promise.all(consumer.running);
    };
  }

  async counts(queue: string): Promise<JobCounts> {
    const state = this.state(queue);
    return {
      waiting: state.waiting.length,
      active: state.active.size,
      delayed: state.delayed.size,
      completed: state.completed,
      failed: state.failed,
    };
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  /** Drops waiting and delayed jobs and waits for the running ones. */
  async close(): Promise<void> {
    this.closed = true;
    const running: Promise<void>[] = [];
    for (const state of this.queues.values()) {
      for (const timer of state.delayed.values()) clearTimeout(timer);
      state.delayed.clear();
      state.waiting = [];
      for (const consumer of state.consumers) running.push(...consumer.running);
      state.consumers = [];
    }
    await Promise.all(running);
  }

  private state(queue: string): QueueState {
    let state = this.queues.get(queue);
    if (!state) {
      state = { waiting: [], delayed: new Map(), active: new Set(), live: new Set(), consumers: [], completed: 0, failed: 0 };
      this.queues.set(queue, state);
    }
    return state;
  }

  private schedule(state: QueueState, queued: QueuedJob, delayMs: number): void {
    if (delayMs <= 0) {
      state.waiting.push(queued);
      this.pump(state);
      return;
    }
    const timer = setTimeout(() => {
      state.delayed.delete(queued);
      state.waiting.push(queued);
      this.pump(state);
    }, delayMs);
    state.delayed.set(queued, timer);
  }

  /** Hands waiting jobs to consumers with a free slot, oldest job first. */
  private pump(state: QueueState): void {
    for (const consumer of state.consumers) {
      while (consumer.running.size < consumer.concurrency && state.waiting.length > 0 && !this.closed) {
        const queued = state.waiting.shift() as QueuedJob;
        const run = this.run(state, consumer, queued).finally(() => {
          consumer.running.delete(run);
          this.pump(state);
        });
        consumer.running.add(run);
      }
    }
  }

  private async run(state: QueueState, consumer: Consumer, queued: QueuedJob): Promise<void> {
    queued.job = { ...queued.job, attempt: queued.job.attempt + 1 };
    // A fresh copy per try, so a handler that changes its data cannot change what a retry sees.
    const job = { ...queued.job, data: copyJobData(queued.job.data) };
    state.active.add(queued);
    try {
      await consumer.handler(job);
      state.completed += 1;
      state.live.delete(job.id);
    } catch (error) {
      const final = isFinalFailure(error, job.attempt, queued.options.attempts);
      this.options.onError?.(error, job);
      if (final) state.failed += 1;
      if (final || this.closed) state.live.delete(job.id);
      else this.schedule(state, queued, backoffDelay(queued.options.backoff, job.attempt));
    } finally {
      state.active.delete(queued);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable('the in-memory job queue is closed');
  }
}
