import type { App } from '@astron/kit/http';
import { callerOf, type MemoryRoutesContext } from './context.js';
import { databaseParams, sqlSchema } from './schemas.js';

/**
 * The SQL API of agents, workflow database nodes and the console's SQL editor: one checked statement, run as the
 * copy's role, at most MEMORY_MAX_ROWS rows answered.
 */
export function sqlRoutes(app: App, context: MemoryRoutesContext): void {
  app.post('/memory/v1/databases/:databaseId/sql', { schema: { tags: ['sql'], params: databaseParams, body: sqlSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const database = await context.databases.find(spaceId, request.params.databaseId);
    return context.queries.run(database, request.body);
  });
}
