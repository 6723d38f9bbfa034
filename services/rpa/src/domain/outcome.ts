/**
 * The original's error codes (core/plugin/rpa/errors/error_code.py), range 55000-59999, and their messages. The
 * SSE frames and the tool output carry them unchanged.
 */
export const rpaCodes = {
  success: { code: 0, message: 'Success' },
  failure: { code: 55000, message: 'Failure' },
  createTask: { code: 55001, message: 'Create task error' },
  queryTask: { code: 55002, message: 'Query task error' },
  timeout: { code: 55003, message: 'Timeout error' },
  unknown: { code: 55999, message: 'Unknown error' },
} as const;

/** Where a recorded task stands. `failed`: the robot failed; `error`: the platform could not be used. */
export type TaskStatus = 'pending' | 'running' | 'completed' | 'failed' | 'timeout' | 'cancelled' | 'error';

/** Why a task did not complete, in words a program can branch on. */
export type FailureReason = 'create_failed' | 'robot_failed' | 'query_failed' | 'timeout' | 'cancelled' | 'internal';

export type TaskOutcome =
  | { status: 'completed'; data: unknown }
  | { status: Exclude<TaskStatus, 'pending' | 'running' | 'completed'>; reason: FailureReason; detail: string; retryable: boolean };

export type TaskFailure = Extract<TaskOutcome, { reason: FailureReason }>;

export const failure = (reason: FailureReason, detail: string, retryable: boolean): TaskFailure => ({
  status: reason === 'robot_failed' ? 'failed' : reason === 'timeout' ? 'timeout' : reason === 'cancelled' ? 'cancelled' : 'error',
  reason,
  detail,
  retryable,
});

/** The original's code and message of an outcome, worded as its process.py words them. */
export function codeOf(outcome: TaskOutcome): { code: number; message: string } {
  if (outcome.status === 'completed') return rpaCodes.success;
  const { reason, detail } = outcome;
  switch (reason) {
    case 'create_failed':
      return { code: rpaCodes.createTask.code, message: `${rpaCodes.createTask.message}, detail: ${detail}` };
    case 'robot_failed':
      return { code: rpaCodes.queryTask.code, message: `${rpaCodes.queryTask.message}: ${detail}` };
    case 'query_failed':
      return { code: rpaCodes.queryTask.code, message: `${rpaCodes.queryTask.message}, detail: ${detail}` };
    case 'timeout':
      return rpaCodes.timeout;
    case 'cancelled':
      return { code: rpaCodes.failure.code, message: `${rpaCodes.failure.message}, detail: ${detail}` };
    case 'internal':
      return { code: rpaCodes.unknown.code, message: `${rpaCodes.unknown.message}, detail: ${detail}` };
  }
}

/** The original's RPAExecutionResponse: the one `data:` frame that ends `/rpa/v1/exec`. */
export function finalFrame(outcome: TaskOutcome, sid: string): { code: number; message: string; sid: string; data: unknown } {
  return { ...codeOf(outcome), sid, data: outcome.status === 'completed' ? outcome.data : null };
}

/**
 * What agents and workflow plugin nodes consume (the blocking run's answer): the robot's `data` when it
 * completed, else an `error` with a reason to branch on, a message for people (and models), and whether
 * running it again may succeed. `code` and `message` are the original's.
 */
export interface ToolOutput {
  task_id: string;
  sid: string;
  project_id: string;
  status: TaskOutcome['status'];
  code: number;
  message: string;
  data: unknown;
  error: { reason: FailureReason; message: string; retryable: boolean } | null;
}

export function toolOutput(task: { id: string; sid: string; projectId: string }, outcome: TaskOutcome): ToolOutput {
  const { code, message } = codeOf(outcome);
  return {
    task_id: task.id,
    sid: task.sid,
    project_id: task.projectId,
    status: outcome.status,
    code,
    message,
    data: outcome.status === 'completed' ? outcome.data : null,
    error: outcome.status === 'completed' ? null : { reason: outcome.reason, message: outcome.detail, retryable: outcome.retryable },
  };
}
