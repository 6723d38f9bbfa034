import { expect, it } from 'vitest';
import { runJobQueueContract } from './contract.js';
import { createJobQueue } from './create-job-queue.js';
import { MemoryQueue } from './memory-queue.js';

runJobQueueContract('MemoryQueue', () => createJobQueue({ kind: 'memory' }));

it('drops delayed jobs on close and clears their timers', async () => {
  const jobs = new MemoryQueue();
  await jobs.add('later', 'x', { delayMs: 60_000 });
  expect((await jobs.counts('later')).delayed).toBe(1);
  await jobs.close();
  expect((await jobs.counts('later')).delayed).toBe(0);
  await expect(jobs.add('later', 'y')).rejects.toMatchObject({ code: 'unavailable' });
});

it('reports each failed attempt to onError with its job', async () => {
  const reports: [string, number | undefined][] = [];
  const jobs = new MemoryQueue({ onError: (error, job) => reports.push([(error as Error).message, job?.attempt]) });
  await jobs.add('flaky', 'x', { attempts: 2 });
  await jobs.process('flaky', async () => {
    throw new Error('nope');
  });
  while ((await jobs.counts('flaky')).failed === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(reports).toEqual([
    ['nope', 1],
    ['nope', 2],
  ]);
  await jobs.close();
});
