import { z } from 'zod';
import type { App } from '@astron/kit/http';
import { abortOnDisconnect } from '../agents/agent-service.js';
import type { Actor } from '../auth/guard.js';
import type { HubContext } from '../context.js';
import { lastEventId, sendRunAnswer, workflowRuns } from './runs.js';
import { listRunsQuery, resumeRequestSchema, runParams, runRequestSchema, workflowIdParams } from './schemas.js';
import type { RunCaller } from './workflow-service.js';
import { readDraft, requireRunnable, workflowsDomain } from './workflows.js';

const tags = ['workflows'];
const eventsQuery = z.object({ after: z.string().max(20).optional() });

/** Console runs belong to the person who starts them: only they can answer its questions. */
const owner = (actor: Actor): RunCaller => ({ space: actor.spaceId, user: actor.user.id });

/**
 * Debug runs of a workflow's draft from the console, and the run history of the workflow (debug and API runs),
 * kept by the workflow service; the space comes from the session.
 */
export function workflowRunRoutes(app: App, context: HubContext): void {
  const workflows = workflowsDomain(context);
  const runs = workflowRuns(context);

  // The draft runs, so what one edits is what one tries; it must be free of errors, as for a publish.
  app.post('/api/workflows/:id/runs', { schema: { tags, params: workflowIdParams, body: runRequestSchema } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    const row = await workflows.find(actor.spaceId, request.params.id);
    const draft = readDraft(row.draft);
    requireRunnable(draft, 'running it');
    const { inputs, stream } = request.body;
    const upstream = await runs.start(owner(actor), { workflowId: row.id, version: null, draft, inputs, stream }, abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, stream, String(request.id));
  });

  app.get('/api/workflows/:id/runs', { schema: { tags, params: workflowIdParams, querystring: listRunsQuery } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    await workflows.find(actor.spaceId, request.params.id);
    return runs.list(owner(actor), request.params.id, request.query);
  });

  app.get('/api/workflows/:id/runs/:runId', { schema: { tags, params: runParams } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    await workflows.find(actor.spaceId, request.params.id);
    return runs.runOf(owner(actor), request.params.id, request.params.runId);
  });

  app.get('/api/workflows/:id/runs/:runId/events', { schema: { tags, params: runParams, querystring: eventsQuery } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.view');
    await workflows.find(actor.spaceId, request.params.id);
    await runs.runOf(owner(actor), request.params.id, request.params.runId);
    const upstream = await runs.events(owner(actor), request.params.runId, lastEventId(request), abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, true, String(request.id));
  });

  app.post('/api/workflows/:id/runs/:runId/resume', { schema: { tags, params: runParams, body: resumeRequestSchema } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await workflows.find(actor.spaceId, request.params.id);
    await runs.runOf(owner(actor), request.params.id, request.params.runId);
    const upstream = await runs.resume(owner(actor), request.params.runId, request.body, abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, request.body.stream, String(request.id));
  });

  app.post('/api/workflows/:id/runs/:runId/cancel', { schema: { tags, params: runParams } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await workflows.find(actor.spaceId, request.params.id);
    await runs.runOf(owner(actor), request.params.id, request.params.runId);
    return runs.cancel(owner(actor), request.params.runId);
  });
}
