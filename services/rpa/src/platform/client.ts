import { createEgressClient, type EgressClient } from '@astron/kit/egress';
import type { RpaPlatformSettings } from '../config.js';
import { failureOfRequest, failureOfStatus, PlatformFailure } from './failure.js';

/** What a task on the platform is doing, read from its `execution.status`. */
export type PlatformTaskState = { kind: 'running'; status: string } | { kind: 'completed'; data: unknown } | { kind: 'failed'; status: string; error: string };

export interface NewPlatformTask {
  projectId: string;
  execPosition: string;
  params: Record<string, unknown> | null;
}

/** The RPA platform's task API, called with the user's own platform token. Every failure is a PlatformFailure. */
export interface RpaPlatform {
  /** Creates a task and answers its execution id. Not abortable: a task the platform made must be known, to cancel it. */
  create(token: string, task: NewPlatformTask, timeoutMs: number): Promise<string>;
  query(token: string, executionId: string, timeoutMs: number, signal: AbortSignal): Promise<PlatformTaskState>;
  /** Null when the platform's cancel URL is not configured. */
  readonly cancel: ((token: string, executionId: string, timeoutMs: number) => Promise<void>) | null;
  /** Resolves when the platform answers at all; a PlatformFailure says why it could not be reached. */
  probe(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Statuses of a task still under way: PENDING is the original's; RUNNING is accepted as well. */
const RUNNING = new Set(['PENDING', 'RUNNING']);
const CANCELLED = new Set(['CANCELLED', 'CANCELED']);
/** The execution a reachability probe asks about; no platform gives out ids like it. */
const PROBE_EXECUTION_ID = 'astron-status-probe';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The hosts of the configured URLs: the operator chose them, so they are reached even on a private network. */
export function platformHosts(settings: RpaPlatformSettings): string[] {
  const urls = [settings.createUrl, settings.queryUrl, ...(settings.cancelUrl === null ? [] : [settings.cancelUrl])];
  return [...new Set(urls.map((url) => new URL(url).hostname.replace(/^\[(.*)\]$/, '$1')))];
}

/** The `data` of the platform's envelope `{code: "0000", msg, data}`; any other code is a refusal. */
function envelopeData(text: string, what: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PlatformFailure(`the RPA platform's answer to ${what} is not JSON: ${text.slice(0, 200)}`, false, true);
  }
  if (!isObject(body)) throw new PlatformFailure(`the RPA platform's answer to ${what} is not an object`, false, true);
  if (body.code !== '0000' || !isObject(body.data)) {
    const msg = typeof body.msg === 'string' ? body.msg : JSON.stringify(body).slice(0, 200);
    throw new PlatformFailure(`the RPA platform refused ${what}: ${msg} (code ${String(body.code)})`, false, true);
  }
  return body.data;
}

export function taskStateOf(data: Record<string, unknown>): PlatformTaskState {
  const execution = data.execution;
  if (!isObject(execution)) throw new PlatformFailure('the RPA platform answered without the task (no execution)', false, true);
  const status = typeof execution.status === 'string' ? execution.status : '';
  const upper = status.toUpperCase();
  if (upper === 'COMPLETED') {
    const result = isObject(execution.result) ? execution.result : {};
    return { kind: 'completed', data: result.data ?? {} };
  }
  if (upper === 'FAILED') return { kind: 'failed', status, error: typeof execution.error === 'string' ? execution.error : '' };
  if (CANCELLED.has(upper)) return { kind: 'failed', status, error: 'the task was cancelled on the RPA platform' };
  if (RUNNING.has(upper)) return { kind: 'running', status };
  throw new PlatformFailure(`Unknown task status: ${status}`, false, true);
}

export function createRpaPlatform(settings: RpaPlatformSettings, egressPolicy: { allowPrivate: boolean; allowHosts: string[] }): RpaPlatform {
  const egress: EgressClient = createEgressClient({ allowPrivate: egressPolicy.allowPrivate, allowHosts: [...egressPolicy.allowHosts, ...platformHosts(settings)] });

  async function call(url: string, init: { method: string; token: string; body?: unknown; timeoutMs: number; signal?: AbortSignal }, what: string) {
    const headers: Record<string, string> = { authorization: `Bearer ${init.token}`, accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await egress.request(url, { method: init.method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), timeoutMs: init.timeoutMs, ...(init.signal === undefined ? {} : { signal: init.signal }) });
    } catch (error) {
      if (init.signal?.aborted === true) throw error;
      throw failureOfRequest(error);
    }
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) throw failureOfStatus(response.status, text);
    return envelopeData(text, what);
  }

  const taskUrl = (base: string, executionId: string) => `${base}/${encodeURIComponent(executionId)}`;

  /**
   * A status query for a task that does not exist, sent without any token: it has no effect on the platform, and
   * any answer but a server error (a refusal of the missing token included) shows the platform is there.
   */
  async function probe(timeoutMs: number): Promise<void> {
    let response;
    try {
      response = await egress.request(taskUrl(settings.queryUrl, PROBE_EXECUTION_ID), { method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
    } catch (error) {
      throw failureOfRequest(error);
    }
    const text = await response.text();
    if (response.status >= 500) throw failureOfStatus(response.status, text);
  }

  return {
    async create(token, task, timeoutMs) {
      const body = { project_id: task.projectId, exec_position: task.execPosition, params: task.params };
      const data = await call(settings.createUrl, { method: 'POST', token, body, timeoutMs }, 'the task');
      const executionId = data.executionId;
      if (typeof executionId !== 'string' && typeof executionId !== 'number') throw new PlatformFailure('the RPA platform created no task: its answer has no executionId', false, true);
      return String(executionId);
    },
    async query(token, executionId, timeoutMs, signal) {
      return taskStateOf(await call(taskUrl(settings.queryUrl, executionId), { method: 'GET', token, timeoutMs, signal }, 'the status query'));
    },
    cancel:
      settings.cancelUrl === null
        ? null
        : async (token, executionId, timeoutMs) => {
            await call(taskUrl(settings.cancelUrl as string, executionId), { method: 'POST', token, body: {}, timeoutMs }, 'the cancellation');
          },
    probe,
    close: () => egress.close(),
  };
}
