import type { Transaction } from 'kysely';
import { jsonValue, type Database } from '@astron/kit/db';
import { AppError } from '@astron/kit/errors';
import type { NodeRunStatus, RunStatus, WorkflowSchema } from './tables.js';

export interface RunRecord {
  id: string;
  spaceId: string;
  workflowId: string;
  version: number | null;
  owner: { kind: 'user' | 'app'; id: string };
  status: RunStatus;
  definition: unknown;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown> | null;
  error: { code: string; message: string; nodeId?: string } | null;
  eventSeq: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewRun {
  id: string;
  spaceId: string;
  workflowId: string;
  version: number | null;
  owner: { kind: 'user' | 'app'; id: string };
  definition: unknown;
  inputs: Record<string, unknown>;
}

export interface NodeRunRecord {
  nodeKey: string;
  nodeId: string;
  nodeType: string;
  status: NodeRunStatus;
  attempt: number;
  inputs: unknown;
  outputs: unknown;
  branch: string | null;
  error: unknown;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface NodeRunWrite {
  nodeKey: string;
  nodeId: string;
  nodeType: string;
  status: NodeRunStatus;
  attempt: number;
  inputs?: unknown;
  outputs?: unknown;
  branch?: string | null;
  error?: unknown;
  finished?: boolean;
}

export interface RunEvent {
  seq: number;
  type: string;
  data: unknown;
  createdAt: Date;
}

export interface NewEvent {
  type: string;
  data: unknown;
}

export interface RunChange {
  nodes?: NodeRunWrite[];
  events?: NewEvent[];
  run?: { status: RunStatus; outputs?: unknown; error?: unknown };
}

const FINISHED: RunStatus[] = ['succeeded', 'failed', 'cancelled'];

/** The executor lost its run: another took the lease after it expired, or the run was cancelled. */
export class LeaseLost extends AppError {
  constructor(runId: string) {
    super({ code: 'lease_lost', status: 409, message: `run ${runId} is no longer held by this executor` });
  }
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function toRun(row: WorkflowSchema['runs']): RunRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    workflowId: row.workflow_id,
    version: row.version === null ? null : Number(row.version),
    owner: { kind: row.owner_kind, id: row.owner_id },
    status: row.status,
    definition: parsed(row.definition),
    inputs: parsed(row.inputs) as Record<string, unknown>,
    outputs: (parsed(row.outputs) ?? null) as RunRecord['outputs'],
    error: (parsed(row.error) ?? null) as RunRecord['error'],
    eventSeq: Number(row.event_seq),
    createdAt: new Date(row.created_at),
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

function toNodeRun(row: WorkflowSchema['node_runs']): NodeRunRecord {
  return {
    nodeKey: row.node_key,
    nodeId: row.node_id,
    nodeType: row.node_type,
    status: row.status,
    attempt: Number(row.attempt),
    inputs: parsed(row.inputs) ?? null,
    outputs: parsed(row.outputs) ?? null,
    branch: row.branch,
    error: parsed(row.error) ?? null,
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

/**
 * Runs, node runs and their event log. An executor writes only while it holds the run's lease and the run is
 * running (fencing), in one transaction per change, so a node's result and its events land together or not at all.
 */
export function runsStore(db: Database<WorkflowSchema>) {
  const k = db.kysely;

  async function appendEvents(trx: Transaction<WorkflowSchema>, runId: string, from: number, events: NewEvent[]): Promise<number> {
    if (events.length === 0) return from;
    const now = new Date();
    await trx
      .insertInto('run_events')
      .values(events.map((event, index) => ({ run_id: runId, seq: from + index + 1, type: event.type, data: jsonValue(event.data), created_at: now })))
      .execute();
    return from + events.length;
  }

  async function writeNodes(trx: Transaction<WorkflowSchema>, runId: string, nodes: NodeRunWrite[]): Promise<void> {
    for (const node of nodes) {
      const now = new Date();
      const values = {
        node_id: node.nodeId,
        node_type: node.nodeType,
        status: node.status,
        attempt: node.attempt,
        inputs: node.inputs === undefined ? null : jsonValue(node.inputs),
        outputs: node.outputs === undefined ? null : jsonValue(node.outputs),
        branch: node.branch ?? null,
        error: node.error === undefined ? null : jsonValue(node.error),
        finished_at: node.finished === true ? now : null,
      };
      const updated = await trx.updateTable('node_runs').set(values).where('run_id', '=', runId).where('node_key', '=', node.nodeKey).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await trx.insertInto('node_runs').values({ run_id: runId, node_key: node.nodeKey, started_at: now, ...values }).execute();
      }
    }
  }

  return {
    async create(run: NewRun): Promise<RunRecord> {
      const now = new Date();
      const row: WorkflowSchema['runs'] = {
        id: run.id,
        space_id: run.spaceId,
        workflow_id: run.workflowId,
        version: run.version,
        owner_kind: run.owner.kind,
        owner_id: run.owner.id,
        status: 'queued',
        definition: jsonValue(run.definition),
        inputs: jsonValue(run.inputs),
        outputs: null,
        error: null,
        event_seq: 0,
        lease_owner: null,
        lease_expires_at: null,
        created_at: now,
        started_at: null,
        finished_at: null,
        updated_at: now,
      };
      await k.insertInto('runs').values(row).execute();
      return toRun({ ...row, definition: run.definition, inputs: run.inputs });
    },

    /** A run of the space; another space's run is null, as an unknown one. */
    async get(spaceId: string, id: string): Promise<RunRecord | null> {
      const row = await k.selectFrom('runs').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRun(row);
    },

    /** For executors, which receive run ids from the queue. */
    async load(id: string): Promise<RunRecord | null> {
      const row = await k.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRun(row);
    },

    async list(spaceId: string, workflowId: string, options: { status?: RunStatus; limit: number; before?: { createdAt: Date; id: string }; owner?: { kind: 'user' | 'app'; id: string } }): Promise<RunRecord[]> {
      let query = k.selectFrom('runs').selectAll().where('space_id', '=', spaceId).where('workflow_id', '=', workflowId);
      if (options.status !== undefined) query = query.where('status', '=', options.status);
      if (options.owner !== undefined) query = query.where('owner_kind', '=', options.owner.kind).where('owner_id', '=', options.owner.id);
      const before = options.before;
      if (before !== undefined) {
        query = query.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
      }
      return (await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute()).map(toRun);
    },

    /**
     * Takes the run for `owner` when nobody holds it or the holder's lease expired: the run becomes running.
     * Null when another executor holds it or the run is not runnable (finished, paused).
     */
    async acquire(id: string, owner: string, ttlMs: number): Promise<RunRecord | null> {
      const now = new Date();
      const result = await k
        .updateTable('runs')
        .set({ lease_owner: owner, lease_expires_at: new Date(now.getTime() + ttlMs), status: 'running', updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now), eb('lease_owner', '=', owner)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      await k.updateTable('runs').set({ started_at: now }).where('id', '=', id).where('started_at', 'is', null).execute();
      const row = await k.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRun(row);
    },

    /** False when the lease was lost (expired and taken, or the run was cancelled). */
    async renew(id: string, owner: string, ttlMs: number): Promise<boolean> {
      const now = new Date();
      const result = await k
        .updateTable('runs')
        .set({ lease_expires_at: new Date(now.getTime() + ttlMs) })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async release(id: string, owner: string): Promise<void> {
      await k.updateTable('runs').set({ lease_owner: null, lease_expires_at: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
    },

    async nodeRuns(runId: string): Promise<NodeRunRecord[]> {
      const rows = await k.selectFrom('node_runs').selectAll().where('run_id', '=', runId).orderBy('started_at').orderBy('node_key').execute();
      return rows.map(toNodeRun);
    },

    /**
     * The executor's writes: node runs, events and the run's own status, in one transaction, only while `owner`
     * holds the running run. Returns the sequence number of the last event. Throws LeaseLost otherwise.
     */
    async record(runId: string, owner: string, change: RunChange): Promise<number> {
      return k.transaction().execute(async (trx) => {
        const run = await trx.selectFrom('runs').select(['event_seq', 'lease_owner', 'status']).where('id', '=', runId).forUpdate().executeTakeFirst();
        if (run === undefined || run.lease_owner !== owner || run.status !== 'running') throw new LeaseLost(runId);
        await writeNodes(trx, runId, change.nodes ?? []);
        const seq = await appendEvents(trx, runId, Number(run.event_seq), change.events ?? []);
        const now = new Date();
        const status = change.run?.status;
        await trx
          .updateTable('runs')
          .set({
            event_seq: seq,
            updated_at: now,
            ...(status === undefined ? {} : { status }),
            ...(change.run?.outputs === undefined ? {} : { outputs: jsonValue(change.run.outputs) }),
            ...(change.run?.error === undefined ? {} : { error: jsonValue(change.run.error) }),
            ...(status !== undefined && FINISHED.includes(status) ? { finished_at: now } : {}),
            // A run that stops running (finished or paused) lets go of its lease.
            ...(status !== undefined && status !== 'running' ? { lease_owner: null, lease_expires_at: null } : {}),
          })
          .where('id', '=', runId)
          .execute();
        return seq;
      });
    },

    /**
     * A change made from outside the executor (cancel, resume): allowed from the given statuses only.
     * Returns the run after the change, or null when its status did not allow it.
     */
    async transition(spaceId: string, runId: string, from: RunStatus[], to: RunStatus, events: NewEvent[], nodes: NodeRunWrite[] = []): Promise<RunRecord | null> {
      return k.transaction().execute(async (trx) => {
        const run = await trx.selectFrom('runs').selectAll().where('space_id', '=', spaceId).where('id', '=', runId).forUpdate().executeTakeFirst();
        if (run === undefined || !from.includes(run.status)) return null;
        await writeNodes(trx, runId, nodes);
        const seq = await appendEvents(trx, runId, Number(run.event_seq), events);
        const now = new Date();
        await trx
          .updateTable('runs')
          .set({ status: to, event_seq: seq, updated_at: now, ...(FINISHED.includes(to) ? { finished_at: now, lease_owner: null, lease_expires_at: null } : {}) })
          .where('id', '=', runId)
          .execute();
        const after = await trx.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
        return toRun(after);
      });
    },

    /** Events after `afterSeq`, in order: what a reconnecting client (Last-Event-ID) missed. */
    async events(runId: string, afterSeq: number, limit = 1000): Promise<RunEvent[]> {
      const rows = await k.selectFrom('run_events').selectAll().where('run_id', '=', runId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
      return rows.map((row) => ({ seq: Number(row.seq), type: row.type, data: parsed(row.data), createdAt: new Date(row.created_at) }));
    },

    /**
     * Runs to queue again: running with no live executor (its lease expired, or it let go while stopping), and
     * runs queued longer than `queuedGraceMs` ago whose job was lost.
     */
    async orphaned(limit: number, queuedGraceMs: number): Promise<string[]> {
      const now = new Date();
      const rows = await k
        .selectFrom('runs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'running'), eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)])]),
            eb.and([eb('status', '=', 'queued'), eb('updated_at', '<', new Date(now.getTime() - queuedGraceMs))]),
          ]),
        )
        .limit(limit)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

export type RunsStore = ReturnType<typeof runsStore>;
