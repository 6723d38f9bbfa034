import type { Logger } from '@astron/kit/log';
import type { RpaTiming } from '../config.js';
import type { NewPlatformTask, RpaPlatform } from '../platform/client.js';
import { failureOfRequest } from '../platform/failure.js';
import { backoffDelay, sleep } from './backoff.js';
import { failure, type TaskFailure, type TaskOutcome } from './outcome.js';

/** Why a task is being stopped before its end; the abort reason of its signal. */
export class Cancellation extends Error {
  constructor(
    message: string,
    /** True when running it again may work (the service stopped), false when nobody wants it any more. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'Cancellation';
  }
}

export interface TaskProgress {
  /** The platform's status word (PENDING ...). */
  status: string;
  /** Status queries answered so far. */
  polls: number;
  elapsedMs: number;
}

/** What the caller hears while the task runs. */
export interface TaskListener {
  created?(executionId: string): void;
  polled?(progress: TaskProgress): void;
}

/** Where a followed task writes down how far it got; failures to write are the caller's to log, never the task's. */
export interface TaskRecorder {
  started(executionId: string): Promise<void>;
  polled(platformStatus: string, polls: number): Promise<void>;
}

export interface FollowContext {
  platform: RpaPlatform;
  timing: RpaTiming;
  logger: Logger;
}

export interface FollowedTask extends NewPlatformTask {
  id: string;
  /** The user's token on the RPA platform. */
  token: string;
  /** Date.now() when the request came: the overall timeout counts from here. */
  startedAt: number;
}

/** A query right at the deadline still gets this long, so the last status read can arrive. */
const LAST_QUERY_MS = 1_000;

function cancelled(signal: AbortSignal): TaskFailure {
  const reason: unknown = signal.reason;
  return reason instanceof Cancellation ? failure('cancelled', reason.message, reason.retryable) : failure('cancelled', 'the task was cancelled', false);
}

/** Creates the task on the platform, trying again only when the platform surely did not start it. */
async function create(context: FollowContext, task: FollowedTask, signal: AbortSignal, remaining: () => number): Promise<string | TaskFailure> {
  const { platform, timing } = context;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await platform.create(task.token, task, Math.min(timing.requestTimeoutMs, Math.max(remaining(), LAST_QUERY_MS)));
    } catch (error) {
      const failed = failureOfRequest(error);
      if (!failed.retryable || failed.mayHaveActed || attempt >= timing.retries || remaining() <= 0) {
        return failure('create_failed', failed.message, failed.retryable);
      }
      context.logger.warn({ taskId: task.id, attempt: attempt + 1, err: failed.message }, 'creating the RPA task failed; trying again');
      if (!(await sleep(Math.min(backoffDelay(attempt, timing.firstPollIntervalMs, timing.maxPollIntervalMs), remaining()), signal))) return cancelled(signal);
    }
  }
}

/** Reads the task's status with growing waits until it ends, the deadline passes, or the signal aborts. */
async function poll(context: FollowContext, task: FollowedTask, executionId: string, hooks: { listener: TaskListener; recorder: TaskRecorder }, signal: AbortSignal, remaining: () => number): Promise<TaskOutcome> {
  const { platform, timing } = context;
  let failuresInARow = 0;
  for (let polls = 0, attempt = 0; ; attempt += 1) {
    if (remaining() <= 0) return failure('timeout', `the task did not end within ${timing.timeoutMs / 1000} s (XIAOWU_RPA_TIMEOUT)`, false);
    if (!(await sleep(Math.min(backoffDelay(attempt, timing.firstPollIntervalMs, timing.maxPollIntervalMs), remaining()), signal))) return cancelled(signal);
    let state;
    try {
      state = await platform.query(task.token, executionId, Math.min(timing.requestTimeoutMs, Math.max(remaining(), LAST_QUERY_MS)), signal);
    } catch (error) {
      if (signal.aborted) return cancelled(signal);
      const failed = failureOfRequest(error);
      failuresInARow += 1;
      if (!failed.retryable || failuresInARow > timing.retries) {
        const repeated = failuresInARow > 1 ? ` (${failuresInARow} failures in a row)` : '';
        return failure('query_failed', `${failed.message}${repeated}`, failed.retryable);
      }
      context.logger.warn({ taskId: task.id, failuresInARow, err: failed.message }, 'querying the RPA task failed; trying again');
      continue;
    }
    failuresInARow = 0;
    polls += 1;
    if (state.kind === 'completed') return { status: 'completed', data: state.data };
    if (state.kind === 'failed') return failure('robot_failed', state.error === '' ? `the robot ended ${state.status} without saying why` : state.error, false);
    await hooks.recorder.polled(state.status, polls);
    hooks.listener.polled?.({ status: state.status, polls, elapsedMs: Date.now() - task.startedAt });
  }
}

/** Asks the platform to stop a task nobody waits for any more; a failure is only logged. */
async function cancelOnPlatform(context: FollowContext, task: FollowedTask, executionId: string): Promise<void> {
  const cancel = context.platform.cancel;
  if (cancel === null) return;
  try {
    await cancel(task.token, executionId, Math.min(context.timing.requestTimeoutMs, 10_000));
  } catch (error) {
    context.logger.warn({ taskId: task.id, executionId, err: failureOfRequest(error).message }, 'the RPA platform did not cancel the task');
  }
}

/**
 * One task from creation to its end: the outcome, never an exception for anything the platform does. A task
 * that times out or is cancelled (the caller left, the service stops) is cancelled on the platform too, when
 * its API allows (RPA_TASK_CANCEL_URL): nobody will read its result.
 */
export async function followTask(context: FollowContext, task: FollowedTask, hooks: { listener: TaskListener; recorder: TaskRecorder }, signal: AbortSignal): Promise<TaskOutcome> {
  const deadline = task.startedAt + context.timing.timeoutMs;
  const remaining = () => deadline - Date.now();
  const executionId = await create(context, task, signal, remaining);
  if (typeof executionId !== 'string') return executionId;
  await hooks.recorder.started(executionId);
  hooks.listener.created?.(executionId);
  const outcome = signal.aborted ? cancelled(signal) : await poll(context, task, executionId, hooks, signal, remaining);
  if (outcome.status === 'cancelled' || outcome.status === 'timeout') await cancelOnPlatform(context, task, executionId);
  return outcome;
}
