import { badRequest, isAppError } from '../errors/index.js';
import type { JobOptions } from './types.js';

/** Rules both queues share, so the embedded and the distributed mode retry the same way. */

/** Delay before the next try after `attempt` failed; BullMQ computes the same numbers. */
export function backoffDelay(backoff: JobOptions['backoff'], attempt: number): number {
  if (!backoff) return 0;
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(2 ** (attempt - 1) * backoff.delayMs);
}

/** No more tries: an AppError that says it is not worth retrying, or the attempts are used up. */
export function isFinalFailure(error: unknown, attempt: number, attempts = 1): boolean {
  return (isAppError(error) && !error.retryable) || attempt >= attempts;
}

/** Job data as a handler will see it after a trip through JSON (BullMQ stores it that way). */
export function copyJobData<T>(data: T): T {
  return data === undefined ? data : (JSON.parse(JSON.stringify(data)) as T);
}

export function checkJobOptions(queue: string, options: JobOptions): void {
  if (queue === '' || queue.includes(':')) throw badRequest(`queue name "${queue}" must be non-empty and without ":"`);
  if (options.attempts !== undefined && (!Number.isInteger(options.attempts) || options.attempts < 1)) {
    throw badRequest(`job attempts must be a whole number of at least 1, got ${options.attempts}`);
  }
  if (options.delayMs !== undefined && !(options.delayMs >= 0)) {
    throw badRequest(`job delayMs must be zero or more, got ${options.delayMs}`);
  }
  if (options.backoff !== undefined && !(options.backoff.delayMs >= 0)) {
    throw badRequest(`job backoff delayMs must be zero or more, got ${options.backoff.delayMs}`);
  }
  if (options.jobId === '') throw badRequest('jobId must not be empty');
}
