import type { App } from '@astron/kit/http';
import { isAppError } from '@astron/kit/errors';
import { callerOf, type LinkRoutesContext } from './context.js';
import { createMcpServerSchema, mcpCallSchema, mcpDescribeSchema, mcpRunSchema, mcpServerParams, mcpToolsQuery, updateMcpServerSchema } from './schemas.js';
import { mcpServerView } from './views.js';

const tags = ['MCP servers'];

/** Remote MCP servers of the caller's space: register (credentials sealed), list their tools, call one. */
export function mcpRoutes(app: App, context: LinkRoutesContext): void {
  const { mcpServers } = context;

  app.post('/link/v1/mcp/servers', { schema: { tags, body: createMcpServerSchema } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    return reply.status(201).send(mcpServerView(await mcpServers.create(spaceId, actor, request.body)));
  });

  app.get('/link/v1/mcp/servers', { schema: { tags } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return { items: (await mcpServers.list(spaceId)).map(mcpServerView) };
  });

  app.get('/link/v1/mcp/servers/:serverId', { schema: { tags, params: mcpServerParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return mcpServerView(await mcpServers.find(spaceId, request.params.serverId));
  });

  app.patch('/link/v1/mcp/servers/:serverId', { schema: { tags, params: mcpServerParams, body: updateMcpServerSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return mcpServerView(await mcpServers.update(spaceId, request.params.serverId, request.body));
  });

  app.delete('/link/v1/mcp/servers/:serverId', { schema: { tags, params: mcpServerParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await mcpServers.remove(spaceId, request.params.serverId);
    return reply.status(204).send();
  });

  app.get('/link/v1/mcp/servers/:serverId/tools', { schema: { tags, params: mcpServerParams, querystring: mcpToolsQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { tools, cached } = await mcpServers.tools(spaceId, request.params.serverId, request.query.refresh === 'true');
    return { tools, cached };
  });

  app.post('/link/v1/mcp/servers/:serverId/call', { schema: { tags, params: mcpServerParams, body: mcpCallSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return mcpServers.call(spaceId, request.params.serverId, request.body.tool, request.body.arguments);
  });

  /** For agents: the tools of several servers at once; a server that cannot be reached reports its error in place. */
  app.post('/link/v1/mcp/describe', { schema: { tags, body: mcpDescribeSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const servers = await Promise.all(
      request.body.servers.map(async (serverId) => {
        try {
          const { server, tools } = await mcpServers.tools(spaceId, serverId, request.body.refresh);
          return { serverId, name: server.name, tools };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { serverId, name: null, tools: [], error: error.toBody() };
        }
      }),
    );
    return { servers };
  });

  app.post('/link/v1/mcp/call', { schema: { tags, body: mcpRunSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { serverId, tool } = request.body;
    return { serverId, tool, ...(await mcpServers.call(spaceId, serverId, tool, request.body.arguments)) };
  });
}
