import { jsonValue, type Database } from '@astron/kit/db';
import type { TaskStatus } from '../domain/outcome.js';
import type { RpaSchema, TasksTable } from './tables.js';

export interface TaskRecord {
  id: string;
  spaceId: string;
  createdBy: string;
  projectId: string;
  execPosition: string;
  sid: string;
  params: Record<string, unknown> | null;
  mode: 'stream' | 'blocking';
  executionId: string | null;
  status: TaskStatus;
  platformStatus: string | null;
  polls: number;
  code: number | null;
  message: string | null;
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface TaskEnd {
  status: TaskStatus;
  code: number;
  message: string;
  result: unknown;
}

export interface TaskFilter {
  limit: number;
  /** Tasks created before this one (the cursor is the last task of the previous page). */
  after?: { createdAt: Date; id: string };
  projectId?: string;
  status?: TaskStatus;
}

const UNFINISHED: TaskStatus[] = ['pending', 'running'];

function toRecord(row: TasksTable): TaskRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    createdBy: row.created_by,
    projectId: row.project_id,
    execPosition: row.exec_position,
    sid: row.sid,
    params: (row.params ?? null) as Record<string, unknown> | null,
    mode: row.mode as TaskRecord['mode'],
    executionId: row.execution_id,
    status: row.status as TaskStatus,
    platformStatus: row.platform_status,
    polls: Number(row.polls),
    code: row.code === null ? null : Number(row.code),
    message: row.message,
    result: row.result ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
  };
}

/** SQL for task records; every read and write names the caller's space. */
export function tasksStore(db: Database<RpaSchema>) {
  const k = db.kysely;
  const update = (spaceId: string, id: string) => k.updateTable('tasks').where('space_id', '=', spaceId).where('id', '=', id);
  return {
    async insert(task: TaskRecord): Promise<void> {
      await k
        .insertInto('tasks')
        .values({
          id: task.id,
          space_id: task.spaceId,
          created_by: task.createdBy,
          project_id: task.projectId,
          exec_position: task.execPosition,
          sid: task.sid,
          params: task.params === null ? null : jsonValue(task.params),
          mode: task.mode,
          execution_id: task.executionId,
          status: task.status,
          platform_status: task.platformStatus,
          polls: task.polls,
          code: task.code,
          message: task.message,
          result: task.result === null ? null : jsonValue(task.result),
          created_at: task.createdAt,
          updated_at: task.updatedAt,
          finished_at: task.finishedAt,
        })
        .execute();
    },

    async started(spaceId: string, id: string, executionId: string): Promise<void> {
      await update(spaceId, id).set({ status: 'running', execution_id: executionId, updated_at: new Date() }).execute();
    },

    async polled(spaceId: string, id: string, platformStatus: string, polls: number): Promise<void> {
      await update(spaceId, id).set({ platform_status: platformStatus, polls, updated_at: new Date() }).execute();
    },

    async finished(spaceId: string, id: string, end: TaskEnd): Promise<void> {
      const now = new Date();
      await update(spaceId, id)
        .set({ status: end.status, code: end.code, message: end.message, result: end.result === null ? null : jsonValue(end.result), updated_at: now, finished_at: now })
        .execute();
    },

    async find(spaceId: string, id: string): Promise<TaskRecord | null> {
      const row = await k.selectFrom('tasks').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async list(spaceId: string, filter: TaskFilter): Promise<TaskRecord[]> {
      let query = k.selectFrom('tasks').selectAll().where('space_id', '=', spaceId);
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      const after = filter.after;
      if (after !== undefined) {
        query = query.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map((row) => toRecord(row));
    },

    /**
     * Tasks left unfinished by a process that stopped without ending them (a crash): any task created before
     * `createdBefore` has outlived every deadline, so no live process still follows it. Not space-scoped: it is
     * housekeeping at start, over every space.
     */
    async abandon(createdBefore: Date, end: TaskEnd): Promise<number> {
      const now = new Date();
      const result = await k
        .updateTable('tasks')
        .set({ status: end.status, code: end.code, message: end.message, updated_at: now, finished_at: now })
        .where('status', 'in', UNFINISHED)
        .where('created_at', '<', createdBefore)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type TasksStore = ReturnType<typeof tasksStore>;
