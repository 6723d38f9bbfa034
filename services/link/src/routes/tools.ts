import type { App } from '@astron/kit/http';
import { findOperation } from '../domain/run/run-tool.js';
import { callerOf, type LinkRoutesContext } from './context.js';
import { describeToolsSchema, runToolSchema } from './schemas.js';
import { descriptorView } from './views.js';

const tags = ['tools (agents and workflows)'];

/**
 * What agents and workflow plugin nodes use: tool descriptors (name, description, JSON-schema parameters) for
 * tool ids at pinned versions, and a run that returns the mapped output. No version: the latest published.
 */
export function toolRoutes(app: App, context: LinkRoutesContext): void {
  const { toolSets, runner } = context;

  app.post('/link/v1/tools/describe', { schema: { tags, body: describeToolsSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const tools = [];
    for (const wanted of request.body.tools) {
      const snapshot = await toolSets.snapshot(spaceId, wanted.toolId, wanted.version);
      const operations = wanted.operationId === undefined ? snapshot.operations : [findOperation(snapshot, wanted.operationId)];
      tools.push(...operations.map((operation) => descriptorView(snapshot, operation)));
    }
    return { tools };
  });

  app.post('/link/v1/tools/run', { schema: { tags, body: runToolSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { toolId, operationId, version, inputs } = request.body;
    const snapshot = await toolSets.snapshot(spaceId, toolId, version);
    const { result } = await runner.run(snapshot, operationId, inputs);
    return { toolId, operationId: findOperation(snapshot, operationId).operationId, version: snapshot.version, ...result };
  });
}
