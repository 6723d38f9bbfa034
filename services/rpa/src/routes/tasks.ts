import type { App } from '@astron/kit/http';
import { callerOf, type RpaRoutesContext } from './context.js';
import { listTasksQuery, taskParams } from './schemas.js';
import { taskView } from './views.js';

/** The space's task records, newest first: what ran, who ran it, how it ended. */
export function taskRoutes(app: App, context: RpaRoutesContext): void {
  app.get('/rpa/v1/tasks', { schema: { tags: ['tasks'], querystring: listTasksQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { limit, cursor, project_id: projectId, status } = request.query;
    const page = await context.tasks.list(spaceId, { limit, ...(cursor === undefined ? {} : { cursor }), ...(projectId === undefined ? {} : { projectId }), ...(status === undefined ? {} : { status }) });
    return { tasks: page.tasks.map(taskView), next_cursor: page.nextCursor };
  });

  app.get('/rpa/v1/tasks/:taskId', { schema: { tags: ['tasks'], params: taskParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return taskView(await context.tasks.find(spaceId, request.params.taskId));
  });
}
