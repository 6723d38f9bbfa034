export type { Job, JobCounts, JobHandler, JobOptions, JobQueue } from './types.js';
export { MemoryQueue, type MemoryQueueOptions } from './memory-queue.js';
export { BullMqQueue, type BullMqQueueOptions } from './bullmq-queue.js';
export { createJobQueue, type JobQueueConfig } from './create-job-queue.js';
export { backoffDelay } from './job-rules.js';
