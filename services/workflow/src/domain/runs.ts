import { randomId } from '@astron/kit/crypto';
import { AppError, notFound } from '@astron/kit/errors';
import type { JobQueue } from '@astron/kit/queue';
import type { RunEvent, RunRecord, RunsStore } from '../store/runs-store.js';
import type { RunStatus } from '../store/tables.js';
import { RUN_QUEUE } from './executor-host.js';
import type { RunFeed } from './run-feed.js';

export interface RunOwner {
  kind: 'user' | 'app';
  id: string;
}

export interface StartRun {
  workflowId: string;
  version: number | null;
  definition: unknown;
  inputs: Record<string, unknown>;
}

const conflict = (code: string, message: string) => new AppError({ code, status: 409, message });

/**
 * Runs as the API sees them: start (persisted, then queued), read, follow, resume a pause, cancel. Every call is
 * scoped to the caller's space; an app (an API key) sees only the runs it started, people in the console see the
 * space's; a pause may only be answered by whoever started the run (the original accepted any app's event id).
 */
export function runsDomain(deps: { store: RunsStore; feed: RunFeed; queue: JobQueue }) {
  const { store, feed, queue } = deps;

  /** `viewer` an app: another app's run is the same 404 as an unknown one. */
  async function find(spaceId: string, runId: string, viewer?: RunOwner): Promise<RunRecord> {
    const run = await store.get(spaceId, runId);
    if (run === null || (viewer?.kind === 'app' && (run.owner.kind !== 'app' || run.owner.id !== viewer.id))) throw notFound('run', runId);
    return run;
  }

  return {
    find,

    async start(spaceId: string, owner: RunOwner, request: StartRun): Promise<RunRecord> {
      const run = await store.create({ id: randomId('run'), spaceId, owner, ...request });
      await queue.add(RUN_QUEUE, { runId: run.id }, { jobId: run.id });
      return run;
    },

    async details(spaceId: string, runId: string, viewer?: RunOwner) {
      const run = await find(spaceId, runId, viewer);
      return { run, nodes: await store.nodeRuns(runId) };
    },

    list(spaceId: string, workflowId: string, options: { status?: RunStatus; limit: number; before?: { createdAt: Date; id: string } }, viewer?: RunOwner) {
      return store.list(spaceId, workflowId, { ...options, ...(viewer?.kind === 'app' ? { owner: viewer } : {}) });
    },

    /** The run's events after `afterSeq` as they are written, until the run finishes or pauses. */
    async follow(spaceId: string, runId: string, afterSeq: number, signal: AbortSignal, deliver: (event: RunEvent) => void, viewer?: RunOwner): Promise<void> {
      await find(spaceId, runId, viewer);
      await feed.follow(runId, { afterSeq, signal }, deliver);
    },

    /** Answers the paused node (by key, or the only paused one) and queues the run again. */
    async resume(spaceId: string, owner: RunOwner, runId: string, answer: unknown, nodeKey?: string): Promise<RunRecord> {
      const run = await find(spaceId, runId);
      if (run.owner.kind !== owner.kind || run.owner.id !== owner.id) throw notFound('run', runId);
      if (run.status !== 'paused') throw conflict('run_not_paused', `run ${runId} is ${run.status}, not waiting for an answer`);
      const waiting = (await store.nodeRuns(runId)).filter((node) => node.status === 'paused' && (nodeKey === undefined || node.nodeKey === nodeKey));
      const [node] = waiting;
      if (node === undefined) throw conflict('nothing_to_answer', nodeKey === undefined ? `run ${runId} has no paused node` : `node ${nodeKey} of run ${runId} is not waiting`);
      if (waiting.length > 1) throw conflict('ambiguous_pause', `run ${runId} waits on several nodes; name one: ${waiting.map((item) => item.nodeKey).join(', ')}`);
      const resumed = await store.transition(
        spaceId,
        runId,
        ['paused'],
        'queued',
        [{ type: 'run-resumed', data: { nodeId: node.nodeId, nodeKey: node.nodeKey } }],
        [{ nodeKey: node.nodeKey, nodeId: node.nodeId, nodeType: node.nodeType, status: 'paused', attempt: node.attempt, inputs: node.inputs, outputs: { answer } }],
      );
      if (resumed === null) throw conflict('run_not_paused', `run ${runId} was resumed or cancelled meanwhile`);
      await feed.notify(runId, resumed.eventSeq);
      await queue.add(RUN_QUEUE, { runId }, { jobId: runId });
      return resumed;
    },

    async cancel(spaceId: string, runId: string, viewer?: RunOwner): Promise<RunRecord> {
      const run = await find(spaceId, runId, viewer);
      const cancelled = await store.transition(spaceId, runId, ['queued', 'running', 'paused'], 'cancelled', [{ type: 'run-cancelled', data: {} }]);
      if (cancelled === null) throw conflict('run_finished', `run ${runId} already ${run.status === 'cancelled' ? 'was cancelled' : run.status}`);
      await feed.notify(runId, cancelled.eventSeq);
      return cancelled;
    },
  };
}

export type RunsDomain = ReturnType<typeof runsDomain>;
