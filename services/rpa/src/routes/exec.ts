import type { FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';
import { finalFrame } from '../domain/outcome.js';
import { clientGone, type NewTask } from '../domain/tasks.js';
import type { TaskListener } from '../domain/follow-task.js';
import { callerOf, platformTokenOf, type RpaRoutesContext } from './context.js';
import { execBodySchema, execQuerySchema, type ExecBody } from './schemas.js';

export const TASK_ID_HEADER = 'x-rpa-task-id';

/** The task a request asks for, in the caller's space (from its service token), with the user's platform token. */
export function newTask(request: FastifyRequest, body: ExecBody, context: RpaRoutesContext, mode: NewTask['mode']): NewTask {
  const { spaceId, actor } = callerOf(request, context);
  return {
    spaceId,
    actor,
    token: platformTokenOf(request),
    projectId: body.project_id,
    execPosition: body.exec_position ?? 'EXECUTOR',
    params: body.params ?? null,
    sid: body.sid ?? '',
    mode,
  };
}

/**
 * POST /rpa/v1/exec, the original's endpoint: Server-Sent Events ending with one `data:` frame, the original's
 * RPAExecutionResponse `{code, message, sid, data}` (code 0 with the robot's data, else 55001 / 55002 / 55003 /
 * 55000 / 55999), with keep-alive comments meanwhile. With `?progress=true` named events come before it:
 * `task-created` and `task-progress` (left out by default because the original's clients take the first `data:`
 * frame as the answer). Bad input is a 4xx before the stream opens; everything after is told in frames.
 */
export function execRoutes(app: App, context: RpaRoutesContext): void {
  app.post(
    '/rpa/v1/exec',
    { schema: { tags: ['rpa'], summary: "astron-agent's RPA execution: the robot's progress and result as SSE", body: execBodySchema, querystring: execQuerySchema } },
    async (request, reply) => {
      const task = newTask(request, request.body, context, 'stream');
      const withProgress = request.query.progress === 'true' || request.query.progress === '1';
      const prepared = await context.tasks.prepare(task);
      const { record } = prepared;
      reply.raw.setHeader(TASK_ID_HEADER, record.id);
      const stream = context.http.eventStream(request, reply, { heartbeatMs: context.pingIntervalMs });
      const ids = { task_id: record.id, sid: record.sid };
      let executionId: string | null = null;
      const listener: TaskListener = withProgress
        ? {
            created(id) {
              executionId = id;
              stream.send({ event: 'task-created', data: { ...ids, execution_id: id } });
            },
            polled(progress) {
              stream.send({ event: 'task-progress', data: { ...ids, execution_id: executionId, status: progress.status, polls: progress.polls, elapsed_ms: progress.elapsedMs } });
            },
          }
        : {};
      const run = context.tasks.follow(prepared, listener);
      stream.onClose(() => run.cancel(clientGone()));
      const outcome = await run.outcome;
      stream.send({ data: finalFrame(outcome, record.sid) });
      stream.close();
    },
  );
}
