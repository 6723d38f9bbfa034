export interface JobOptions {
  /** Deduplicates: adding a job whose id is already queued or running does nothing. */
  jobId?: string;
  delayMs?: number;
  /** Total tries including the first; default 1. */
  attempts?: number;
  backoff?: { type: 'fixed' | 'exponential'; delayMs: number };
}

export interface Job<T> {
  id: string;
  queue: string;
  data: T;
  /** 1 for the first try. */
  attempt: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
}

/**
 * Durable-enough background jobs. A handler that throws is retried with backoff while attempts
 * remain, except for an AppError whose `retryable` is false, which fails the job at once.
 */
export interface JobQueue {
  add<T>(queue: string, data: T, options?: JobOptions): Promise<string>;
  /** Starts consuming `queue` in this process; returns a function that stops it (waits for running jobs). */
  process<T>(queue: string, handler: JobHandler<T>, options?: { concurrency?: number }): Promise<() => Promise<void>>;
  counts(queue: string): Promise<JobCounts>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
