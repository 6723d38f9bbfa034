import type { App } from '@astron/kit/http';
import { toolOutput } from '../domain/outcome.js';
import { clientGone } from '../domain/tasks.js';
import type { RpaRoutesContext } from './context.js';
import { TASK_ID_HEADER, newTask } from './exec.js';
import { execBodySchema } from './schemas.js';

/**
 * POST /rpa/v1/tasks/run: the same task as /rpa/v1/exec, answered once it ends as one JSON object (the tool
 * output, domain/outcome.ts), so agents and workflow nodes can call a robot as a tool without reading SSE. HTTP 200
 * whatever the robot did; 4xx only for bad input, 503 when no platform is configured. A caller that hangs up
 * cancels the task.
 */
export function runRoutes(app: App, context: RpaRoutesContext): void {
  app.post('/rpa/v1/tasks/run', { schema: { tags: ['rpa'], summary: 'Runs a robot and answers its result (blocking)', body: execBodySchema } }, async (request, reply) => {
    const task = newTask(request, request.body, context, 'blocking');
    const prepared = await context.tasks.prepare(task);
    const { record } = prepared;
    const run = context.tasks.follow(prepared, {});
    const onClose = () => {
      if (!reply.raw.writableEnded) run.cancel(clientGone());
    };
    reply.raw.on('close', onClose);
    const outcome = await run.outcome;
    reply.raw.off('close', onClose);
    void reply.header(TASK_ID_HEADER, record.id);
    return toolOutput({ id: record.id, sid: record.sid, projectId: record.projectId }, outcome);
  });
}
