import type { TaskRecord } from '../store/tasks-store.js';

/** A task as the API shows it: snake_case like the original's /rpa/v1 wire; never the platform token. */
export function taskView(task: TaskRecord) {
  return {
    task_id: task.id,
    sid: task.sid,
    project_id: task.projectId,
    exec_position: task.execPosition,
    params: task.params,
    mode: task.mode,
    status: task.status,
    execution_id: task.executionId,
    platform_status: task.platformStatus,
    polls: task.polls,
    code: task.code,
    message: task.message,
    data: task.result,
    created_by: task.createdBy,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
    finished_at: task.finishedAt?.toISOString() ?? null,
  };
}
