import { Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { isAppError, unavailable } from '../errors/index.js';
import {
  closeRedisClient,
  createRedisClient,
  describeRedis,
  pingRedis,
  redisCommandError,
  type RedisClient,
  type RedisConnectionConfig,
} from '../cache/index.js';
import { checkJobOptions } from './job-rules.js';
import type { Job, JobCounts, JobHandler, JobOptions, JobQueue } from './types.js';

export interface BullMqQueueOptions {
  redis: RedisConnectionConfig;
  /** BullMQ key prefix, e.g. `astron:jobs`; wrapped in {braces} on a cluster so a queue's keys share a slot. */
  prefix: string;
  /** Finished jobs kept for inspection, so Redis does not grow forever. Defaults 1000 and 5000. */
  keepCompleted?: number;
  keepFailed?: number;
  /** Connection errors and failed attempts (with the job); BullMQ prints them to the console otherwise. */
  onError?: (error: unknown, job?: Job<unknown>) => void;
  /**
   * How long a worker's hold on a running job lasts without renewal (BullMQ lockDuration, default 30 000). A worker
   * that dies lets go after at most this long plus one stall check, and the job goes to another worker; it may be
   * given out up to 10 times that way before it counts as failed.
   */
  lockDurationMs?: number;
}

/**
 * Jobs on Redis through BullMQ, shared by every process configured with the same prefix.
 * Producers share one connection that fails fast; each Worker gets its own connections that wait
 * for Redis forever (BullMQ requires `maxRetriesPerRequest: null` there). `jobId` maps to BullMQ
 * deduplication, which holds while the job waits, is delayed or runs, as the port says; the id
 * `add` returns is BullMQ's.
 */
export class BullMqQueue implements JobQueue {
  private readonly producer: RedisClient;
  private readonly workerTemplate: RedisClient;
  private readonly queues = new Map<string, Queue>();
  private readonly workers = new Set<Worker>();
  private readonly where: string;
  private readonly prefix: string;
  private closed = false;

  constructor(private readonly options: BullMqQueueOptions) {
    const onError = (error: Error) => options.onError?.(error);
    this.where = describeRedis(options.redis);
    this.prefix = options.redis.cluster ? `{${options.prefix}}` : options.prefix;
    this.producer = createRedisClient(options.redis, { connectionName: `${options.prefix}:producer`, onError });
    // Never connected itself: each Worker duplicates it for its own two connections.
    this.workerTemplate = createRedisClient(options.redis, {
      role: 'worker',
      connectionName: `${options.prefix}:worker`,
      onError,
    });
  }

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<string> {
    this.assertOpen();
    checkJobOptions(queue, options);
    const job = await this.run(queue, () =>
      this.queue(queue).add(queue, data, {
        delay: options.delayMs,
        attempts: options.attempts ?? 1,
        backoff: options.backoff && { type: options.backoff.type, delay: options.backoff.delayMs },
        deduplication: options.jobId === undefined ? undefined : { id: options.jobId },
      }),
    );
    return job.id ?? '';
  }

  async process<T>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}) {
    this.assertOpen();
    checkJobOptions(queue, {});
    const worker = new Worker(queue, (job: BullJob) => this.runHandler(queue, job, handler), {
      connection: this.workerTemplate,
      prefix: this.prefix,
      concurrency: Math.max(1, options.concurrency ?? 1),
      ...(this.options.lockDurationMs === undefined ? {} : { lockDuration: this.options.lockDurationMs, stalledInterval: this.options.lockDurationMs }),
      maxStalledCount: 10,
      removeOnComplete: { count: this.options.keepCompleted ?? 1000 },
      removeOnFail: { count: this.options.keepFailed ?? 5000 },
    });
    worker.on('error', (error) => this.options.onError?.(error));
    this.workers.add(worker);
    return async () => {
      this.workers.delete(worker);
      await worker.close();
    };
  }

  async counts(queue: string): Promise<JobCounts> {
    this.assertOpen();
    checkJobOptions(queue, {});
    const counts = await this.run(queue, () =>
      this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed'),
    );
    return {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      completed: counts.completed ?? 0,
      failed: counts.failed ?? 0,
    };
  }

  async ping(): Promise<void> {
    await pingRedis(this.producer, this.where);
  }

  /** Workers first (each waits for its running jobs), then queues, then the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.workers].map((worker) => worker.close()));
    this.workers.clear();
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await Promise.all([closeRedisClient(this.producer), closeRedisClient(this.workerTemplate)]);
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.producer,
        prefix: this.prefix,
        // Otherwise a Queue made while Redis is down waits for it forever, and so does `add`.
        skipWaitingForReady: true,
        defaultJobOptions: {
          removeOnComplete: { count: this.options.keepCompleted ?? 1000 },
          removeOnFail: { count: this.options.keepFailed ?? 5000 },
        },
      });
      queue.on('error', (error) => this.options.onError?.(error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async runHandler<T>(queue: string, bullJob: BullJob, handler: JobHandler<T>): Promise<void> {
    const job: Job<T> = { id: bullJob.id ?? '', queue, data: bullJob.data as T, attempt: bullJob.attemptsMade + 1 };
    try {
      await handler(job);
    } catch (error) {
      this.options.onError?.(error, job);
      // BullMQ skips the remaining attempts only for its own error type.
      if (isAppError(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  }

  private async run<T>(queue: string, command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const thrown = redisCommandError(this.producer, this.where, error);
      if (isAppError(thrown) && thrown.code === 'unavailable') this.forgetQueue(queue);
      throw thrown;
    }
  }

  /** A Queue whose start failed stays broken; the next call builds a new one. */
  private forgetQueue(name: string): void {
    const queue = this.queues.get(name);
    if (!queue) return;
    this.queues.delete(name);
    queue.close().catch((error: unknown) => this.options.onError?.(error));
  }

  private assertOpen(): void {
    if (this.closed) throw unavailable('the BullMQ job queue is closed');
  }
}
