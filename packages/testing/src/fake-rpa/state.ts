import type { IncomingHttpHeaders } from 'node:http';

/** How one robot (an RPA project) behaves when a task runs it. */
export interface FakeRobot {
  /** Status queries answered with `runningStatus` before the task ends; 2 unless set. */
  pendingPolls?: number;
  /** The status shown while the task runs: PENDING (the original's) unless set, e.g. RUNNING or an unknown one. */
  runningStatus?: string;
  /** `result.data` of a COMPLETED task; the default echoes `{ project_id, exec_position, params }`. */
  data?: unknown;
  /** Ends FAILED with this `error` instead of COMPLETED. */
  error?: string;
  /** Never ends: every query answers `runningStatus`. */
  hang?: boolean;
}

export type FakeExecutionStatus = 'PENDING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | (string & {});

export interface FakeExecution {
  id: string;
  projectId: string;
  execPosition: unknown;
  params: unknown;
  /** The bearer token that created it; only that token may query or cancel it. */
  token: string;
  /** Status queries answered so far. */
  polls: number;
  cancelled: boolean;
  createdAt: Date;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or undefined. */
  body: unknown;
  /** Date.now() when it arrived. */
  at: number;
}

/** Which endpoint a fault is injected into. */
export type FakeEndpoint = 'create' | 'query' | 'cancel';

export interface FakeRpaState {
  /** Robots by project id; creating a task for any other project is refused. */
  robots: Map<string, FakeRobot>;
  executions: Map<string, FakeExecution>;
  requests: RecordedRequest[];
  /**
   * HTTP statuses to answer, in order, before the endpoint behaves again: `faults.query.push(503, 503)` makes the
   * next two status queries fail with 503. Status 0 drops the connection without an answer.
   */
  faults: Record<FakeEndpoint, number[]>;
  /** Bearer tokens the platform accepts. */
  tokens: Set<string>;
}

/** Where a task stands after `execution.polls` queries. */
export function statusOf(execution: FakeExecution, robot: FakeRobot): FakeExecutionStatus {
  if (execution.cancelled) return 'CANCELLED';
  const running = robot.runningStatus ?? 'PENDING';
  if (robot.hang === true || execution.polls <= (robot.pendingPolls ?? 2)) return running;
  return robot.error === undefined ? 'COMPLETED' : 'FAILED';
}

/** The queries made for one execution, for tests that count polls. */
export function queriesOf(state: FakeRpaState, executionId: string): RecordedRequest[] {
  return state.requests.filter((request) => request.method === 'GET' && request.path.endsWith(`/${executionId}`));
}
