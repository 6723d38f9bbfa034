import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badRequest, unavailable } from '../errors/index.js';
import type { JobQueue } from './types.js';

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/**
 * The behaviour every JobQueue must have. `make` returns a fresh, open queue; the suite closes it.
 * Queue names are random per test, so one Redis prefix can serve the whole file.
 */
export function runJobQueueContract(name: string, make: () => JobQueue | Promise<JobQueue>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let jobs: JobQueue;
    let queue: string;

    beforeEach(async () => {
      jobs = await make();
      queue = `q${randomBytes(4).toString('hex')}`;
    });

    afterEach(async () => {
      await jobs.close();
    });

    it('runs jobs added before and after process was called, with their data', async () => {
      const seen: unknown[] = [];
      await jobs.add(queue, { n: 1 });
      await jobs.add(queue, { n: 2, when: new Date(0) });
      await jobs.process<unknown>(queue, async (job) => {
        expect(job.queue).toBe(queue);
        expect(job.attempt).toBe(1);
        seen.push(job.data);
      });
      await jobs.add(queue, { n: 3 });
      await waitUntil(() => seen.length === 3, 'three jobs');
      // Data travels as JSON in every implementation, so a Date arrives as its string.
      expect(seen).toEqual([{ n: 1 }, { n: 2, when: '1970-01-01T00:00:00.000Z' }, { n: 3 }]);
      await waitUntil(async () => (await jobs.counts(queue)).completed === 3, 'completed count');
    });

    it('never runs more jobs at once than the concurrency', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      let done = 0;
      for (let index = 0; index < 6; index += 1) await jobs.add(queue, index);
      await jobs.process(
        queue,
        async () => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(40);
          inFlight -= 1;
          done += 1;
        },
        { concurrency: 2 },
      );
      await waitUntil(() => done === 6, 'six jobs');
      expect(maxInFlight).toBe(2);
    });

    it('does not run a delayed job before its delay', async () => {
      const added = Date.now();
      let ranAt = 0;
      await jobs.add(queue, 'later', { delayMs: 200 });
      expect((await jobs.counts(queue)).delayed).toBe(1);
      await jobs.process(queue, async () => {
        ranAt = Date.now();
      });
      await waitUntil(() => ranAt > 0, 'the delayed job');
      expect(ranAt - added).toBeGreaterThanOrEqual(195);
    });

    it('retries with fixed backoff until the handler succeeds', async () => {
      const tries: { attempt: number; at: number }[] = [];
      await jobs.add(queue, 'flaky', { attempts: 4, backoff: { type: 'fixed', delayMs: 60 } });
      await jobs.process(queue, async (job) => {
        tries.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error(`try ${job.attempt} fails`);
      });
      await waitUntil(async () => (await jobs.counts(queue)).completed === 1, 'the job to complete');
      expect(tries.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
      expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(55);
      expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(55);
      expect((await jobs.counts(queue)).failed).toBe(0);
    });

    it('gives up after the attempts, waiting longer each time with exponential backoff', async () => {
      const tries: number[] = [];
      await jobs.add(queue, 'doomed', { attempts: 3, backoff: { type: 'exponential', delayMs: 50 } });
      await jobs.process(queue, async () => {
        tries.push(Date.now());
        throw new Error('always fails');
      });
      await waitUntil(async () => (await jobs.counts(queue)).failed === 1, 'the job to fail');
      expect(tries).toHaveLength(3);
      expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(45);
      expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(95);
      expect((await jobs.counts(queue)).completed).toBe(0);
    });

    it('fails at the first try on an AppError that is not retryable, and retries a retryable one', async () => {
      const tries: string[] = [];
      await jobs.add(queue, 'bad', { attempts: 5, backoff: { type: 'fixed', delayMs: 10 } });
      await jobs.add(queue, 'busy', { attempts: 5, backoff: { type: 'fixed', delayMs: 10 } });
      await jobs.process<string>(queue, async (job) => {
        tries.push(`${job.data}#${job.attempt}`);
        if (job.data === 'bad') throw badRequest('the input is wrong; trying again will not help');
        if (job.attempt === 1) throw unavailable('the model provider is busy');
      });
      await waitUntil(async () => {
        const counts = await jobs.counts(queue);
        return counts.failed === 1 && counts.completed === 1;
      }, 'one failure and one success');
      expect(tries.filter((entry) => entry.startsWith('bad'))).toEqual(['bad#1']);
      expect(tries.filter((entry) => entry.startsWith('busy'))).toEqual(['busy#1', 'busy#2']);
    });

    it('deduplicates by jobId while the job is queued, and runs it again once finished', async () => {
      const seen: string[] = [];
      const first = await jobs.add(queue, 'original', { jobId: 'run-42' });
      const second = await jobs.add(queue, 'duplicate', { jobId: 'run-42' });
      expect(second).toBe(first);
      expect((await jobs.counts(queue)).waiting).toBe(1);
      await jobs.process<string>(queue, async (job) => {
        seen.push(job.data);
      });
      await waitUntil(() => seen.length === 1, 'the job');
      await waitUntil(async () => (await jobs.counts(queue)).completed === 1, 'completion');
      await jobs.add(queue, 'resumed', { jobId: 'run-42' });
      await waitUntil(() => seen.length === 2, 'the re-added job');
      expect(seen).toEqual(['original', 'resumed']);
    });

    it('close waits for a job in flight', async () => {
      let started = false;
      let finished = false;
      await jobs.process(queue, async () => {
        started = true;
        await sleep(150);
        finished = true;
      });
      await jobs.add(queue, 'slow');
      await waitUntil(() => started, 'the job to start');
      await jobs.close();
      expect(finished).toBe(true);
    });

    it('stops consuming when process is stopped, after the running job ends', async () => {
      let finished = 0;
      const stop = await jobs.process(queue, async () => {
        await sleep(80);
        finished += 1;
      });
      await jobs.add(queue, 'first');
      await waitUntil(async () => (await jobs.counts(queue)).active === 1, 'the job to start');
      await stop();
      expect(finished).toBe(1);
      await jobs.add(queue, 'second');
      await sleep(100);
      expect(finished).toBe(1);
      expect((await jobs.counts(queue)).waiting).toBe(1);
    });

    it('rejects a queue name with a colon and attempts below 1', async () => {
      await expect(jobs.add('a:b', 1)).rejects.toMatchObject({ code: 'bad_request' });
      await expect(jobs.add(queue, 1, { attempts: 0 })).rejects.toMatchObject({ code: 'bad_request' });
    });

    it('answers ping while open and refuses work once closed', async () => {
      await expect(jobs.ping()).resolves.toBeUndefined();
      await jobs.close();
      await expect(jobs.add(queue, 'too late')).rejects.toMatchObject({ code: 'unavailable' });
    });
  });
}
