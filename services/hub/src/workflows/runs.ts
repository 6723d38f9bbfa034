import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '@astron/kit/errors';
import type { HubContext } from '../context.js';
import { relayEventStream } from '../agents/agent-service.js';
import { workflowService, type RunCaller, type RunSummary } from './workflow-service.js';

/**
 * Runs of one workflow, for the console and the gateway alike. The workflow service scopes every call by the space
 * of the token (and a resume by its owner); the hub adds that the run belongs to the workflow of the path.
 */
export function workflowRuns(context: HubContext) {
  const service = workflowService(context);

  /** Another workflow's run, or another space's, is the same 404 as an unknown one. */
  async function runOf(on: RunCaller, workflowId: string, runId: string): Promise<RunSummary> {
    const run = await service.get(on, runId);
    if (run.workflowId !== workflowId) throw notFound('run', runId);
    return run;
  }

  return { ...service, runOf };
}

/** The client's `Last-Event-ID` (a reconnecting EventSource) or `?after=`: the workflow service checks it. */
export function lastEventId(request: FastifyRequest): string | undefined {
  const header = request.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') return header;
  const after = (request.query as { after?: unknown } | undefined)?.after;
  return typeof after === 'string' && after !== '' ? after : undefined;
}

/** Streamed: the workflow service's events byte for byte. Blocking: its JSON answer (the run, finished or paused) as it is. */
export async function sendRunAnswer(reply: FastifyReply, upstream: Response, stream: boolean, requestId: string): Promise<void> {
  if (stream) return relayEventStream(reply, upstream, requestId);
  const body = await upstream.text();
  void reply.header('content-type', 'application/json; charset=utf-8').send(body);
}
