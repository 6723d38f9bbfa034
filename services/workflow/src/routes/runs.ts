import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { RunOwner, RunsDomain } from '../domain/runs.js';
import type { NodeRunRecord, RunEvent, RunRecord } from '../store/runs-store.js';
import { astronFrames, type AstronFrame } from './astron-frames.js';
import { callerOf, type WorkflowRoutesContext } from './context.js';
import { listRunsQuery, resumeSchema, runIdSchema, startRunSchema } from './schemas.js';

const tags = ['runs'];
const params = z.object({ runId: runIdSchema });

export function runView(run: RunRecord) {
  return {
    id: run.id,
    workflowId: run.workflowId,
    version: run.version,
    status: run.status,
    inputs: run.inputs,
    outputs: run.outputs,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

function nodeView(node: NodeRunRecord) {
  return {
    nodeKey: node.nodeKey,
    nodeId: node.nodeId,
    nodeType: node.nodeType,
    status: node.status,
    attempt: node.attempt,
    inputs: node.inputs,
    outputs: node.status === 'paused' ? null : node.outputs,
    branch: node.branch,
    error: node.error,
    startedAt: node.startedAt.toISOString(),
    finishedAt: node.finishedAt?.toISOString() ?? null,
    durationMs: node.finishedAt === null ? null : node.finishedAt.getTime() - node.startedAt.getTime(),
  };
}

/** `Last-Event-ID` (a reconnecting EventSource) or `?after=`: the sequence number of the last event the client has. */
function lastEventId(request: FastifyRequest): number {
  const header = request.headers['last-event-id'];
  const query = (request.query as { after?: unknown } | undefined)?.after;
  const raw = typeof header === 'string' && header !== '' ? header : typeof query === 'string' ? query : '0';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw badRequest(`Last-Event-ID ${raw} is not an event number`, undefined, 'invalid_event_id');
  return value;
}

type Format = 'events' | 'astron';

/** The number of nodes of the run's workflow: the original's frames report progress against it. */
const nodeCountOf = (run: RunRecord) => ((run.definition as { workflow?: { nodes?: unknown[] } }).workflow?.nodes ?? []).length;

/**
 * Streams a run's events until it finishes or pauses: as our Server-Sent Events (`id` = sequence number, `event` =
 * type), or as the original's frames (one JSON object per `data:`).
 */
async function streamEvents(context: WorkflowRoutesContext, request: FastifyRequest, reply: FastifyReply, spaceId: string, runId: string, afterSeq: number, format: Format = 'events', viewer?: RunOwner): Promise<void> {
  const run = await context.runs.find(spaceId, runId, viewer);
  const frames = astronFrames(runId, nodeCountOf(run));
  const stream = context.http.eventStream(request, reply);
  const closed = new AbortController();
  stream.onClose(() => closed.abort());
  const deliver =
    format === 'astron'
      ? (event: RunEvent) => {
          for (const frame of frames.convert(event)) stream.send({ data: frame });
        }
      : (event: RunEvent) => stream.send({ id: String(event.seq), event: event.type, data: event.data });
  try {
    await context.runs.follow(spaceId, runId, afterSeq, closed.signal, deliver);
  } catch (error) {
    request.log.warn({ err: error, runId }, 'run event stream ended with an error');
  } finally {
    stream.close();
  }
}

/** Waits until the run finishes or pauses (a blocking call); answers with the run, or one frame of the original's. */
async function settled(runs: RunsDomain, spaceId: string, runId: string, afterSeq: number, signal: AbortSignal, format: Format = 'events'): Promise<unknown> {
  const run = await runs.find(spaceId, runId);
  const frames = astronFrames(runId, nodeCountOf(run));
  const collected: AstronFrame[] = [];
  await runs.follow(spaceId, runId, afterSeq, signal, (event) => collected.push(...frames.convert(event)));
  const after = await runs.find(spaceId, runId);
  if (format === 'events') return runView(after);
  // Not streamed, the original answers once: the answer's text, the closing frame's code and usage, a pause's event.
  const last = collected.at(-1);
  const content = collected.map((frame) => frame.choices[0]?.delta.content ?? '').filter((text, index) => text !== '' && collected[index]?.workflow_step?.node?.id !== 'flow_obj').join('');
  const paused = collected.find((frame) => frame.event_data !== undefined);
  return {
    code: last?.code ?? 0,
    message: last?.message ?? 'Success',
    id: runId,
    created: Math.floor(Date.now() / 1000),
    choices: [{ delta: { role: 'assistant', content, reasoning_content: '' }, index: 0, finish_reason: paused === undefined ? 'stop' : 'interrupt' }],
    usage: last?.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    ...(paused?.event_data === undefined ? {} : { event_data: paused.event_data }),
  };
}

function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Runs for the hub (console debug runs, the public API): start, follow, read, list, resume, cancel. */
export function runRoutes(app: App, context: WorkflowRoutesContext): void {
  const { runs } = context;

  app.post('/workflow/runs', { schema: { tags, body: startRunSchema } }, async (request, reply) => {
    const { spaceId, owner } = callerOf(request, context);
    const { workflowId, version, workflow, subflows, inputs, history, chatId, stream, format } = request.body;
    const definition = { workflow, history, ...(Object.keys(subflows).length === 0 ? {} : { subflows }), ...(chatId === undefined ? {} : { chatId }) };
    const run = await runs.start(spaceId, owner, { workflowId, version, definition, inputs });
    if (stream) return streamEvents(context, request, reply, spaceId, run.id, 0, format);
    return reply.status(200).send(await settled(runs, spaceId, run.id, 0, clientGone(reply), format));
  });

  app.get('/workflow/runs', { schema: { tags, querystring: listRunsQuery } }, async (request) => {
    const { spaceId, owner } = callerOf(request, context);
    const { workflowId, status, limit, cursor } = request.query;
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    const items = await runs.list(spaceId, workflowId, { limit: limit + 1, ...(status === undefined ? {} : { status }), ...(before === undefined ? {} : { before }) }, owner);
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(runView), nextCursor: items.length > limit && last !== undefined ? encodeCursor(last) : null };
  });

  app.get('/workflow/runs/:runId', { schema: { tags, params } }, async (request) => {
    const { spaceId, owner } = callerOf(request, context);
    const { run, nodes } = await runs.details(spaceId, request.params.runId, owner);
    return { ...runView(run), nodes: nodes.map(nodeView) };
  });

  app.get('/workflow/runs/:runId/events', { schema: { tags, params } }, async (request, reply) => {
    const { spaceId, owner } = callerOf(request, context);
    return streamEvents(context, request, reply, spaceId, request.params.runId, lastEventId(request), 'events', owner);
  });

  app.post('/workflow/runs/:runId/resume', { schema: { tags, params, body: resumeSchema } }, async (request, reply) => {
    const { spaceId, owner } = callerOf(request, context);
    const { answer, nodeKey, stream, format } = request.body;
    const resumed = await runs.resume(spaceId, owner, request.params.runId, answer, nodeKey);
    // The events from the resume on: the answer's effect, not the history the client already has.
    const from = resumed.eventSeq - 1;
    if (stream) return streamEvents(context, request, reply, spaceId, resumed.id, from, format);
    return reply.send(await settled(runs, spaceId, resumed.id, from, clientGone(reply), format));
  });

  app.post('/workflow/runs/:runId/cancel', { schema: { tags, params } }, async (request) => {
    const { spaceId, owner } = callerOf(request, context);
    return runView(await runs.cancel(spaceId, request.params.runId, owner));
  });
}

function encodeCursor(run: RunRecord): string {
  return Buffer.from(`${run.createdAt.toISOString()}|${run.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (id === undefined || id === '' || Number.isNaN(createdAt.getTime())) throw badRequest('cursor is not one this API gave out', undefined, 'invalid_cursor');
  return { createdAt, id };
}
