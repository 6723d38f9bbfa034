import { randomBytes } from 'node:crypto';
import { AppError, badRequest, notFound } from '@astron/kit/errors';
import type { Logger } from '@astron/kit/log';
import type { RpaTiming } from '../config.js';
import type { RpaPlatform } from '../platform/client.js';
import type { TaskFilter, TaskRecord, TasksStore } from '../store/tasks-store.js';
import { Cancellation, followTask, type TaskListener, type TaskRecorder } from './follow-task.js';
import { codeOf, failure, rpaCodes, type TaskOutcome, type TaskStatus } from './outcome.js';

export interface NewTask {
  spaceId: string;
  actor: string;
  /** The user's token on the RPA platform; used for the platform's calls, never stored. */
  token: string;
  projectId: string;
  execPosition: string;
  params: Record<string, unknown> | null;
  /** The caller's trace id; the task id when empty. */
  sid: string;
  mode: TaskRecord['mode'];
}

/** A recorded task, not yet handed to the platform. */
export interface PreparedTask {
  record: TaskRecord;
  token: string;
  startedAt: number;
}

export interface FollowedRun {
  outcome: Promise<TaskOutcome>;
  /** Stops following the task (and cancels it on the platform); its outcome becomes `cancelled`. */
  cancel(reason: Cancellation): void;
}

export interface TasksDependencies {
  store: TasksStore;
  /** Null while the platform's URLs are not configured. */
  platform: RpaPlatform | null;
  timing: RpaTiming;
  logger: Logger;
}

export const clientGone = () => new Cancellation('the caller went away before the task ended', false);
const shuttingDown = () => new Cancellation('the rpa service is shutting down; run the task again', true);

const notConfigured = () =>
  new AppError({
    code: 'rpa_not_configured',
    status: 503,
    message: 'no RPA platform is configured: set XIAOWU_RPA_TASK_CREATE_URL and XIAOWU_RPA_TASK_QUERY_URL',
  });

/** Runs tasks on the RPA platform, records them in the caller's space, and stops them all when the service stops. */
export function tasksDomain(dependencies: TasksDependencies) {
  const { store, platform, timing, logger } = dependencies;
  const active = new Map<string, { controller: AbortController; outcome: Promise<TaskOutcome> }>();

  function recorder(record: TaskRecord): TaskRecorder {
    const logged = (what: string) => (error: unknown) => logger.error({ err: error, taskId: record.id }, `recording the task's ${what} failed`);
    return {
      started: (executionId) => store.started(record.spaceId, record.id, executionId).catch(logged('start')),
      polled: (status, polls) => store.polled(record.spaceId, record.id, status, polls).catch(logged('progress')),
    };
  }

  async function finish(record: TaskRecord, outcome: TaskOutcome): Promise<void> {
    const { code, message } = codeOf(outcome);
    const status: TaskStatus = outcome.status;
    try {
      await store.finished(record.spaceId, record.id, { status, code, message, result: outcome.status === 'completed' ? outcome.data : null });
    } catch (error) {
      logger.error({ err: error, taskId: record.id }, "recording the task's end failed");
    }
  }

  return {
    /** Records a new task (status pending); 503 when no platform is configured. */
    async prepare(task: NewTask): Promise<PreparedTask> {
      if (platform === null) throw notConfigured();
      const now = new Date();
      const id = randomBytes(8).toString('hex');
      const record: TaskRecord = {
        id,
        spaceId: task.spaceId,
        createdBy: task.actor,
        projectId: task.projectId,
        execPosition: task.execPosition,
        sid: task.sid === '' ? id : task.sid,
        params: task.params,
        mode: task.mode,
        executionId: null,
        status: 'pending',
        platformStatus: null,
        polls: 0,
        code: null,
        message: null,
        result: null,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
      };
      await store.insert(record);
      return { record, token: task.token, startedAt: now.getTime() };
    },

    /** Hands the task to the platform and follows it to its end; the outcome never rejects. */
    follow(prepared: PreparedTask, listener: TaskListener): FollowedRun {
      if (platform === null) throw notConfigured();
      const { record } = prepared;
      const controller = new AbortController();
      const followed = { id: record.id, token: prepared.token, startedAt: prepared.startedAt, projectId: record.projectId, execPosition: record.execPosition, params: record.params };
      const outcome = followTask({ platform, timing, logger }, followed, { listener, recorder: recorder(record) }, controller.signal)
        .catch((error: unknown) => {
          logger.error({ err: error, taskId: record.id }, 'following the RPA task failed');
          return failure('internal', `the rpa service failed while following task ${record.id}`, false);
        })
        .then(async (ended) => {
          await finish(record, ended);
          active.delete(record.id);
          return ended;
        });
      active.set(record.id, { controller, outcome });
      return { outcome, cancel: (reason) => controller.abort(reason) };
    },

    async find(spaceId: string, id: string): Promise<TaskRecord> {
      const task = await store.find(spaceId, id);
      if (task === null) throw notFound('task', id);
      return task;
    },

    async list(spaceId: string, query: Omit<TaskFilter, 'after'> & { cursor?: string }): Promise<{ tasks: TaskRecord[]; nextCursor: string | null }> {
      const { cursor, ...filter } = query;
      let after: TaskFilter['after'];
      if (cursor !== undefined) {
        const last = await store.find(spaceId, cursor);
        if (last === null) throw badRequest(`cursor ${cursor} names no task of this space`, { cursor }, 'invalid_cursor');
        after = { createdAt: last.createdAt, id: last.id };
      }
      const tasks = await store.list(spaceId, { ...filter, ...(after === undefined ? {} : { after }) });
      return { tasks, nextCursor: tasks.length === filter.limit ? (tasks.at(-1)?.id ?? null) : null };
    },

    /** Marks tasks a crashed process left unfinished; only those older than any live task can be. */
    async abandonStale(): Promise<number> {
      const longest = timing.timeoutMs + 2 * timing.requestTimeoutMs + 60_000;
      const message = `${rpaCodes.unknown.message}, detail: the rpa service stopped while following the task`;
      return store.abandon(new Date(Date.now() - longest), { status: 'error', code: rpaCodes.unknown.code, message, result: null });
    },

    /** Cancels every task this process follows and waits until each has ended and been recorded. */
    async stopAll(): Promise<void> {
      const running = [...active.values()];
      for (const task of running) task.controller.abort(shuttingDown());
      await Promise.allSettled(running.map((task) => task.outcome));
    },
  };
}

export type TasksDomain = ReturnType<typeof tasksDomain>;
