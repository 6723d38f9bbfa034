import { z } from 'zod';
import { AppError, badRequest, notFound } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { decodeEventId } from '@astron/workflow';
import { abortOnDisconnect } from '../agents/agent-service.js';
import type { HubContext } from '../context.js';
import { gatewayCaller, type GatewayCaller } from '../gateway/caller.js';
import { sendRunAnswer, workflowRuns } from './runs.js';
import { readSnapshot, workflowsDomain } from './workflows.js';

const tags = ['compat'];

/** The original's open API body (its /workflow/v1/chat/completions). `uid`, `version` and `ext` are accepted as sent. */
const chatSchema = z.object({
  flow_id: z.string().min(1).max(128),
  uid: z.string().max(128).optional(),
  stream: z.boolean().default(true),
  parameters: z.record(z.string(), z.unknown()).default({}),
  chat_id: z.string().min(1).max(128).optional(),
  history: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().max(1_000_000), content_type: z.string().optional() }))
    .max(1_000)
    .default([]),
  version: z.string().max(64).optional(),
  ext: z.record(z.string(), z.unknown()).optional(),
});

const resumeSchema = z.object({
  event_id: z.string().min(1).max(2_000),
  /** resume: answer the question; ignore: continue with no answer; abort: stop the run. */
  event_type: z.enum(['resume', 'ignore', 'abort']).default('resume'),
  content: z.string().max(100_000).default(''),
});

const owner = (caller: GatewayCaller) => ({ space: caller.spaceId, app: caller.appId });

/**
 * The original astron-agent's workflow API for its clients (reference: astron-agent.md): a published workflow run by
 * `flow_id` (our id or alias), streamed in the original's frames; `resume` with the `event_id` of an interrupt frame,
 * bound to the app that started the run (the original accepted any app's event id).
 */
export function workflowCompatRoutes(app: App, context: HubContext): void {
  const workflows = workflowsDomain(context);
  const runs = workflowRuns(context);

  app.post('/workflow/v1/chat/completions', { schema: { tags, body: chatSchema } }, async (request, reply) => {
    const caller = gatewayCaller(request);
    const body = request.body;
    const row = await workflows.findByIdOrAlias(caller.spaceId, body.flow_id);
    const number = row?.published_version ?? null;
    const version = row === null || number === null ? null : await workflows.version(caller.spaceId, row.id, Number(number));
    if (row === null || version === null) throw new AppError({ code: 'workflow_not_found', status: 404, message: `flow ${body.flow_id} does not exist or is not published in this space` });
    const upstream = await runs.start(
      owner(caller),
      {
        workflowId: row.id,
        version: Number(version.version),
        draft: readSnapshot(version.snapshot).draft,
        inputs: body.parameters,
        stream: body.stream,
        format: 'astron',
        history: body.history.map((turn) => ({ role: turn.role, content: turn.content })),
        ...(body.chat_id === undefined ? {} : { chatId: body.chat_id }),
      },
      abortOnDisconnect(reply),
    );
    await sendRunAnswer(reply, upstream, body.stream, String(request.id));
  });

  app.post('/workflow/v1/resume', { schema: { tags, body: resumeSchema } }, async (request, reply) => {
    const caller = gatewayCaller(request);
    const target = decodeEventId(request.body.event_id);
    if (target === null) throw badRequest('event_id is not one an interrupt frame gave out', [{ field: 'event_id', message: 'unknown event' }], 'invalid_event_id');
    if (request.body.event_type === 'abort') {
      await runs.cancel(owner(caller), target.runId).catch((error: unknown) => {
        throw error instanceof AppError && error.status === 404 ? notFound('event', request.body.event_id) : error;
      });
      return reply.send({ code: 0, message: 'Success', id: target.runId });
    }
    const answer = request.body.event_type === 'ignore' ? '' : request.body.content;
    const upstream = await runs.resume(owner(caller), target.runId, { answer, nodeKey: target.nodeKey, stream: true, format: 'astron' }, abortOnDisconnect(reply));
    await sendRunAnswer(reply, upstream, true, String(request.id));
  });
}
