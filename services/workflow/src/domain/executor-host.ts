import type { Logger } from '@astron/kit/log';
import type { JobQueue } from '@astron/kit/queue';
import { randomId } from '@astron/kit/crypto';
import { LeaseLost, type NodeRunRecord, type RunChange, type RunRecord, type RunsStore } from '../store/runs-store.js';
import type { RunFeed } from './run-feed.js';

export const RUN_QUEUE = 'workflow-runs';

/** What an engine gets to execute one stretch of a run (until it finishes, pauses or loses the run). */
export interface RunSession {
  run: RunRecord;
  /** Aborted when the lease is lost (another executor took the run, or it was cancelled) or the host stops. */
  signal: AbortSignal;
  /** Persists node runs, events and run status together, then wakes the run's readers. */
  record(change: RunChange): Promise<number>;
  /** The node runs persisted so far (by earlier executors of this run too). */
  nodeRuns(): Promise<NodeRunRecord[]>;
}

export type RunEngine = (session: RunSession) => Promise<void>;

export interface ExecutorHostOptions {
  queue: JobQueue;
  store: RunsStore;
  feed: RunFeed;
  engine: RunEngine;
  logger: Logger;
  leaseMs: number;
  concurrency: number;
}

/**
 * Executes queued runs in this process: takes each run's lease, keeps it alive while the engine works, and
 * sweeps for runs whose executor died (lease expired) to queue them again. Any number of hosts may run on any
 * number of machines; the lease makes sure one executes a run at a time, and fencing keeps a stalled one from
 * writing after it lost the run.
 */
export async function startExecutorHost(options: ExecutorHostOptions) {
  const { store, feed, logger, leaseMs } = options;
  const owner = randomId('exec');
  const stopping = new AbortController();

  async function execute(runId: string): Promise<void> {
    const run = await store.acquire(runId, owner, leaseMs);
    if (run === null) return; // finished, paused, cancelled, or held by a live executor
    const lost = new AbortController();
    const signal = AbortSignal.any([lost.signal, stopping.signal]);
    const heartbeat = setInterval(() => {
      store.renew(runId, owner, leaseMs).then(
        (held) => {
          if (!held) lost.abort(new LeaseLost(runId));
        },
        (error: unknown) => logger.warn({ err: error, runId }, 'could not renew the run lease; retrying'),
      );
    }, Math.max(250, Math.floor(leaseMs / 3)));
    try {
      await options.engine({
        run,
        signal,
        record: async (change) => {
          const seq = await store.record(runId, owner, change);
          await feed.notify(runId, seq).catch((error: unknown) => logger.warn({ err: error, runId }, 'could not publish a run notification'));
          return seq;
        },
        nodeRuns: () => store.nodeRuns(runId),
      });
    } catch (error) {
      if (error instanceof LeaseLost || signal.aborted) {
        logger.info({ runId, reason: String(signal.reason ?? error) }, 'run left to another executor');
        return;
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
      await store.release(runId, owner).catch(() => undefined);
    }
  }

  const stopConsuming = await options.queue.process<{ runId: string }>(RUN_QUEUE, (job) => execute(job.data.runId), { concurrency: options.concurrency });

  // Runs whose executor died mid-run (lease expired) or whose job was lost are queued again (jobId dedupes).
  const sweep = setInterval(() => {
    store
      .orphaned(100, leaseMs * 2)
      .then((ids) => Promise.all(ids.map((runId) => options.queue.add(RUN_QUEUE, { runId }, { jobId: runId }))))
      .catch((error: unknown) => logger.warn({ err: error }, 'the orphaned-run sweep failed'));
  }, leaseMs);
  sweep.unref();

  return {
    owner,
    async stop(): Promise<void> {
      clearInterval(sweep);
      stopping.abort(new Error('the executor is stopping'));
      await stopConsuming();
    },
  };
}

export type ExecutorHost = Awaited<ReturnType<typeof startExecutorHost>>;
