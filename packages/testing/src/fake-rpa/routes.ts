import { randomBytes } from 'node:crypto';
import { statusOf, type FakeEndpoint, type FakeExecution, type FakeRpaState } from './state.js';

/** The platform's envelope: `code` "0000" is success, anything else a refusal explained by `msg`. */
export interface PlatformAnswer {
  status: number;
  body: { code: string; msg: string; data: unknown };
}

export const CREATE_PATH = '/api/rpa-openapi/workflows/execute-async';
export const QUERY_PATH = '/api/rpa-openapi/executions';
export const CANCEL_PATH = '/api/rpa-openapi/executions/cancel';

const ok = (data: unknown): PlatformAnswer => ({ status: 200, body: { code: '0000', msg: 'success', data } });
const refused = (code: string, msg: string, status = 200): PlatformAnswer => ({ status, body: { code, msg, data: null } });

export interface RouteInput {
  state: FakeRpaState;
  token: string;
  /** The execution id of a query or cancel path. */
  executionId: string;
  body: unknown;
}

export interface FakeRoute {
  endpoint: FakeEndpoint;
  method: string;
  /** Anchored; the one group, when present, is the execution id. */
  pattern: RegExp;
  handle(input: RouteInput): PlatformAnswer;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The execution a token may see; other users' executions are refused as if they did not exist. */
function ownExecution(input: RouteInput): FakeExecution | PlatformAnswer {
  const execution = input.state.executions.get(input.executionId);
  if (execution === undefined || execution.token !== input.token) return refused('4004', `execution not found: ${input.executionId}`);
  return execution;
}

function createTask(input: RouteInput): PlatformAnswer {
  const body = input.body;
  if (!isObject(body) || typeof body.project_id !== 'string' || body.project_id === '') return refused('4000', 'project_id is required');
  if (!input.state.robots.has(body.project_id)) return refused('4004', `project not found: ${body.project_id}`);
  const execution: FakeExecution = {
    id: `exec_${randomBytes(6).toString('hex')}`,
    projectId: body.project_id,
    execPosition: body.exec_position,
    params: body.params,
    token: input.token,
    polls: 0,
    cancelled: false,
    createdAt: new Date(),
  };
  input.state.executions.set(execution.id, execution);
  return ok({ executionId: execution.id });
}

function queryTask(input: RouteInput): PlatformAnswer {
  const execution = ownExecution(input);
  if (!('polls' in execution)) return execution;
  execution.polls += 1;
  const robot = input.state.robots.get(execution.projectId) ?? {};
  const status = statusOf(execution, robot);
  const data = robot.data ?? { project_id: execution.projectId, exec_position: execution.execPosition, params: execution.params };
  return ok({
    execution: {
      id: execution.id,
      project_id: execution.projectId,
      status,
      result: status === 'COMPLETED' ? { data } : null,
      error: status === 'FAILED' ? (robot.error ?? '') : null,
    },
  });
}

function cancelTask(input: RouteInput): PlatformAnswer {
  const execution = ownExecution(input);
  if (!('polls' in execution)) return execution;
  execution.cancelled = true;
  return ok({ executionId: execution.id, status: 'CANCELLED' });
}

export const routes: FakeRoute[] = [
  { endpoint: 'create', method: 'POST', pattern: new RegExp(`^${CREATE_PATH}$`), handle: createTask },
  { endpoint: 'cancel', method: 'POST', pattern: new RegExp(`^${CANCEL_PATH}/([^/]+)$`), handle: cancelTask },
  { endpoint: 'query', method: 'GET', pattern: new RegExp(`^${QUERY_PATH}/([^/]+)$`), handle: queryTask },
];

export const notFound = (): PlatformAnswer => refused('404', 'not found', 404);
export const unauthorized = (): PlatformAnswer => refused('401', 'invalid or missing access token', 401);
export const injected = (status: number): PlatformAnswer => refused(String(status), `injected fault ${status}`, status);
