import { BullMqQueue, type BullMqQueueOptions } from './bullmq-queue.js';
import { MemoryQueue, type MemoryQueueOptions } from './memory-queue.js';
import type { JobQueue } from './types.js';

export type JobQueueConfig = ({ kind: 'memory' } & MemoryQueueOptions) | ({ kind: 'redis' } & BullMqQueueOptions);

/**
 * The job queue the configuration asks for. Each call makes a new queue: in the embedded mode, a
 * producer and a consumer in one process only meet when the launcher hands them the same MemoryQueue.
 */
export function createJobQueue(config: JobQueueConfig): JobQueue {
  return config.kind === 'memory' ? new MemoryQueue(config) : new BullMqQueue(config);
}
