import type { ServiceClaims } from '@astron/kit/crypto';
import { isAppError, unavailable } from '@astron/kit/errors';
import { createServiceClient, type ServiceClient } from '@astron/kit/service-client';
import type { HubContext } from '../context.js';
import type { ListRunsQuery, ResumeRequest, WorkflowDraft } from './schemas.js';
import { subflowResolver } from './subflows.js';

/**
 * A blocking call waits for the run to finish or pause; the workflow service bounds a run by
 * WORKFLOW_RUN_TIMEOUT_MS (30 min by default), so the hub waits a little longer than that.
 */
const RUN_TIMEOUT_MS = 35 * 60_000;

/** On whose behalf: the space, and the person (console) or the API key's app (gateway) who owns the run. */
export type RunCaller = Omit<ServiceClaims, 'caller' | 'space'> & { space: string };

/** A run as the workflow service answers (services/workflow/src/routes/runs.ts `runView`). */
export interface RunSummary {
  id: string;
  workflowId: string;
  version: number | null;
  status: string;
  [field: string]: unknown;
}

export interface StartRun {
  workflowId: string;
  /** null for a debug run of the draft. */
  version: number | null;
  draft: WorkflowDraft;
  inputs: Record<string, unknown>;
  stream: boolean;
  /** `astron`: the original astron-agent's frames instead of our events. */
  format?: 'events' | 'astron';
  history?: { role: 'user' | 'assistant'; content: string }[];
  chatId?: string;
}

const accept = (stream: boolean) => ({ accept: stream ? 'text/event-stream' : 'application/json' });
const runPath = (runId: string, rest = '') => `/workflow/runs/${encodeURIComponent(runId)}${rest}`;

/**
 * Calls the workflow service (WORKFLOW_URL) as a space and an owner. The streaming calls hand back the unread
 * answer, so events flow through as they are made.
 */
export function workflowService(context: HubContext) {
  // Built per call: WORKFLOW_URL is read when the call is made (the embedded start learns it after routes exist).
  const reachable = async <T>(call: (client: ServiceClient) => Promise<T>): Promise<T> => {
    try {
      return await call(createServiceClient({ baseUrl: context.config.workflowUrl, serviceToken: context.serviceToken, caller: 'hub' }));
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable') {
        throw unavailable(`the hub could not reach the workflow service at ${context.config.workflowUrl} (WORKFLOW_URL): ${error.message}`, error);
      }
      throw error;
    }
  };

  const resolveSubflows = subflowResolver(context);

  return {
    /** Only the DSL goes: the canvas's extras mean nothing to the engine. */
    async start(on: RunCaller, run: StartRun, signal: AbortSignal): Promise<Response> {
      const workflow = { nodes: run.draft.nodes, edges: run.draft.edges };
      const body = {
        workflowId: run.workflowId,
        version: run.version,
        workflow,
        subflows: await resolveSubflows(on.space, workflow),
        inputs: run.inputs,
        stream: run.stream,
        ...(run.format === undefined ? {} : { format: run.format }),
        ...(run.history === undefined ? {} : { history: run.history }),
        ...(run.chatId === undefined ? {} : { chatId: run.chatId }),
      };
      return reachable((client) => client.open('POST', '/workflow/runs', { body, on, signal, timeoutMs: RUN_TIMEOUT_MS, headers: accept(run.stream) }));
    },

    list(on: RunCaller, workflowId: string, query: ListRunsQuery): Promise<{ items: RunSummary[]; nextCursor: string | null }> {
      return reachable((client) => client.call('GET', '/workflow/runs', { on, query: { workflowId, ...query } }));
    },

    get(on: RunCaller, runId: string): Promise<RunSummary> {
      return reachable((client) => client.call('GET', runPath(runId), { on }));
    },

    /** Replays the events after `lastEventId` (the client's Last-Event-ID), then follows the run. */
    events(on: RunCaller, runId: string, lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
      const headers = { ...accept(true), ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) };
      return reachable((client) => client.open('GET', runPath(runId, '/events'), { on, signal, timeoutMs: RUN_TIMEOUT_MS, headers }));
    },

    resume(on: RunCaller, runId: string, request: ResumeRequest & { format?: 'events' | 'astron' }, signal: AbortSignal): Promise<Response> {
      const body = { answer: request.answer, ...(request.nodeKey === undefined ? {} : { nodeKey: request.nodeKey }), stream: request.stream, ...(request.format === undefined ? {} : { format: request.format }) };
      return reachable((client) => client.open('POST', runPath(runId, '/resume'), { body, on, signal, timeoutMs: RUN_TIMEOUT_MS, headers: accept(request.stream) }));
    },

    cancel(on: RunCaller, runId: string): Promise<RunSummary> {
      return reachable((client) => client.call('POST', runPath(runId, '/cancel'), { on }));
    },
  };
}

export type WorkflowService = ReturnType<typeof workflowService>;
