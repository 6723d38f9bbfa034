import { z } from 'zod';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { passThrough, type PassRoute } from '../pass-through.js';
import { peerService } from '../peers.js';

const toolSetId = z.string().regex(/^tool@[0-9a-zA-Z]{1,27}$/, 'must be a tool id: tool@ and letters or digits');
const serverId = z.string().regex(/^mcp@[0-9a-zA-Z]{1,40}$/, 'must be an MCP server id: mcp@ and letters or digits');
const toolSetParams = z.object({ toolSetId });
const versionParams = z.object({ toolSetId, version: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a version label') });
const serverParams = z.object({ serverId });

/** A test run or an MCP call may take the link service's whole run timeout (LINK_RUN_TIMEOUT_MS, 30 s) and more. */
const TIMEOUT_MS = 2 * 60_000;

const view = 'resources.view' as const;
const edit = 'resources.edit' as const;

const toolSets: PassRoute[] = [
  { method: 'GET', path: '/api/plugins/tool-sets', to: '/link/v1/tool-sets', permission: view },
  { method: 'POST', path: '/api/plugins/tool-sets', to: '/link/v1/tool-sets', permission: edit, body: 'json', audit: { action: 'tool_set.created', type: 'tool_set' }, summary: 'imports an OpenAPI document' },
  { method: 'GET', path: '/api/plugins/tool-sets/:toolSetId', to: '/link/v1/tool-sets/:toolSetId', permission: view, params: toolSetParams },
  { method: 'PATCH', path: '/api/plugins/tool-sets/:toolSetId', to: '/link/v1/tool-sets/:toolSetId', permission: edit, params: toolSetParams, body: 'json', audit: { action: 'tool_set.updated', type: 'tool_set' } },
  { method: 'DELETE', path: '/api/plugins/tool-sets/:toolSetId', to: '/link/v1/tool-sets/:toolSetId', permission: edit, params: toolSetParams, audit: { action: 'tool_set.deleted', type: 'tool_set' } },
  { method: 'GET', path: '/api/plugins/tool-sets/:toolSetId/document', to: '/link/v1/tool-sets/:toolSetId/document', permission: view, params: toolSetParams, query: true },
  { method: 'POST', path: '/api/plugins/tool-sets/:toolSetId/versions', to: '/link/v1/tool-sets/:toolSetId/versions', permission: edit, params: toolSetParams, body: 'optional', audit: { action: 'tool_set.published', type: 'tool_set' } },
  { method: 'GET', path: '/api/plugins/tool-sets/:toolSetId/versions', to: '/link/v1/tool-sets/:toolSetId/versions', permission: view, params: toolSetParams },
  { method: 'GET', path: '/api/plugins/tool-sets/:toolSetId/versions/:version', to: '/link/v1/tool-sets/:toolSetId/versions/:version', permission: view, params: versionParams },
  { method: 'POST', path: '/api/plugins/tool-sets/:toolSetId/test-run', to: '/link/v1/tool-sets/:toolSetId/test-run', permission: edit, params: toolSetParams, body: 'json', summary: 'runs one operation, showing the request and the answer' },
];

const mcpServers: PassRoute[] = [
  { method: 'GET', path: '/api/plugins/mcp-servers', to: '/link/v1/mcp/servers', permission: view },
  { method: 'POST', path: '/api/plugins/mcp-servers', to: '/link/v1/mcp/servers', permission: edit, body: 'json', audit: { action: 'mcp_server.created', type: 'mcp_server' } },
  { method: 'GET', path: '/api/plugins/mcp-servers/:serverId', to: '/link/v1/mcp/servers/:serverId', permission: view, params: serverParams },
  { method: 'PATCH', path: '/api/plugins/mcp-servers/:serverId', to: '/link/v1/mcp/servers/:serverId', permission: edit, params: serverParams, body: 'json', audit: { action: 'mcp_server.updated', type: 'mcp_server' } },
  { method: 'DELETE', path: '/api/plugins/mcp-servers/:serverId', to: '/link/v1/mcp/servers/:serverId', permission: edit, params: serverParams, audit: { action: 'mcp_server.deleted', type: 'mcp_server' } },
  { method: 'GET', path: '/api/plugins/mcp-servers/:serverId/tools', to: '/link/v1/mcp/servers/:serverId/tools', permission: view, params: serverParams, query: true },
  { method: 'POST', path: '/api/plugins/mcp-servers/:serverId/call', to: '/link/v1/mcp/servers/:serverId/call', permission: edit, params: serverParams, body: 'json', summary: 'calls one tool of the server' },
];

/** The console's plugins (docs/api/console-api.md, "Plugins"): OpenAPI tool sets and MCP servers, kept by the link service. */
export function linkConsoleRoutes(app: App, context: HubContext): void {
  passThrough(app, context, peerService(context, 'link'), [...toolSets, ...mcpServers], { tags: ['plugins'], timeoutMs: TIMEOUT_MS });
}
