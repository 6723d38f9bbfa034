import { z } from 'zod';
import { AppError } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { abortOnDisconnect } from '../agents/agent-service.js';
import type { HubContext } from '../context.js';
import { gatewayCaller, type GatewayCaller } from '../gateway/caller.js';
import type { WorkflowsTable } from '../store/tables.js';
import { lastEventId, sendRunAnswer, workflowRuns } from './runs.js';
import { resumeRequestSchema, runParams, runRequestSchema, workflowIdParams } from './schemas.js';
import type { RunCaller } from './workflow-service.js';
import { readSnapshot, workflowsDomain } from './workflows.js';

const tags = ['gateway'];
const eventsQuery = z.object({ after: z.string().max(20).optional() });

/** API runs belong to the key's app: only that app can answer its questions. */
const owner = (caller: GatewayCaller): RunCaller => ({ space: caller.spaceId, app: caller.appId });

const workflowNotFound = (idOrAlias: string, what: string) => new AppError({ code: 'workflow_not_found', status: 404, message: `The workflow ${idOrAlias} ${what}` });

/**
 * The public workflow API: a workflow of the key's space, by id or alias, runs its published version (decision 0011).
 * Errors get OpenAI's shape beside ours, as every /v1 error does (agents/openai-errors.ts).
 */
export function workflowGatewayRoutes(app: App, context: HubContext): void {
  const workflows = workflowsDomain(context);
  const runs = workflowRuns(context);

  /** Unknown, another space's and not yet published are the same 404, so ids reveal nothing. */
  async function published(spaceId: string, idOrAlias: string) {
    const row = await workflows.findByIdOrAlias(spaceId, idOrAlias);
    const number = row?.published_version ?? null;
    const version = row === null || number === null ? null : await workflows.version(spaceId, row.id, Number(number));
    if (row === null || version === null) throw workflowNotFound(idOrAlias, 'does not exist or is not published in this space');
    return { row, version: Number(version.version), snapshot: readSnapshot(version.snapshot) };
  }

  async function existing(spaceId: string, idOrAlias: string): Promise<WorkflowsTable> {
    const row = await workflows.findByIdOrAlias(spaceId, idOrAlias);
    if (row === null) throw workflowNotFound(idOrAlias, 'does not exist in this space');
    return row;
  }

  app.post('/v1/workflows/:id/runs', { schema: { tags, params: workflowIdParams, body: runRequestSchema } }, async (request, reply) => {
    const caller = gatewayCaller(request);
    const { row, version, snapshot } = await published(caller.spaceId, request.params.id);
    const { inputs, stream } = request.body;
    const upstream = await runs.start(owner(caller), { workflowId: row.id, version, draft: snapshot.draft, inputs, stream }, abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, stream, String(request.id));
  });

  app.get('/v1/workflows/:id/runs/:runId', { schema: { tags, params: runParams } }, async (request) => {
    const caller = gatewayCaller(request);
    const row = await existing(caller.spaceId, request.params.id);
    return runs.runOf(owner(caller), row.id, request.params.runId);
  });

  app.get('/v1/workflows/:id/runs/:runId/events', { schema: { tags, params: runParams, querystring: eventsQuery } }, async (request, reply) => {
    const caller = gatewayCaller(request);
    const row = await existing(caller.spaceId, request.params.id);
    await runs.runOf(owner(caller), row.id, request.params.runId);
    const upstream = await runs.events(owner(caller), request.params.runId, lastEventId(request), abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, true, String(request.id));
  });

  // The workflow service answers only the run's owner: another app's run is 404 here, as an unknown one.
  app.post('/v1/workflows/:id/runs/:runId/resume', { schema: { tags, params: runParams, body: resumeRequestSchema } }, async (request, reply) => {
    const caller = gatewayCaller(request);
    const row = await existing(caller.spaceId, request.params.id);
    await runs.runOf(owner(caller), row.id, request.params.runId);
    const upstream = await runs.resume(owner(caller), request.params.runId, request.body, abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, request.body.stream, String(request.id));
  });

  app.post('/v1/workflows/:id/runs/:runId/cancel', { schema: { tags, params: runParams } }, async (request) => {
    const caller = gatewayCaller(request);
    const row = await existing(caller.spaceId, request.params.id);
    await runs.runOf(owner(caller), row.id, request.params.runId);
    return runs.cancel(owner(caller), request.params.runId);
  });
}
