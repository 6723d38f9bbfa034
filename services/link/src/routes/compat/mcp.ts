import { isAppError } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { McpCallResult, McpTool } from '../../domain/mcp/connector.js';
import { callerOf, type LinkRoutesContext } from '../context.js';
import { originalCode, parseCompat, replyManagement, SUCCESS } from './envelope.js';

const tags = ['compatible: core-link MCP'];
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(4_096);
/** How a server given by URL is spoken to, as the original names it; `auto` tries streamable HTTP, then SSE. */
const transport = z.enum(['auto', 'streamable_http', 'sse'], { error: 'expected auto, streamable_http or sse' }).nullish();
type Transport = NonNullable<z.output<typeof transport>>;

const listBody = z.looseObject({
  mcp_server_ids: z.array(z.string().min(1).max(64)).max(20).nullish(),
  mcp_server_urls: z.array(httpUrl).max(20).nullish(),
  transport,
});

const callBody = z
  .looseObject({
    mcp_server_id: z.string().min(1).max(64).nullish(),
    mcp_server_url: httpUrl.nullish(),
    tool_name: z.string().min(1).max(256),
    tool_args: z.record(z.string(), z.unknown()).nullish(),
    transport,
  })
  .refine((body) => body.mcp_server_id || body.mcp_server_url, { message: 'give mcp_server_id or mcp_server_url', path: ['mcp_server_id'] });

const toolInfo = (tool: McpTool) => ({ name: tool.name, description: tool.description, inputSchema: tool.inputSchema });

/** The original answered text and image parts, the image's type as `mineType`; both spellings are kept. */
function contentOf(result: McpCallResult) {
  return result.content.map((item) => {
    const part = item as { type?: string; mimeType?: string };
    return part.type === 'image' ? { ...part, mineType: part.mimeType } : part;
  });
}

/**
 * The original core-link's `/api/v1/mcp/tool_list` and `/call_tool`. Servers are the space's registered ones (by id)
 * or any URL (`transport`: streamable HTTP, SSE, or auto: streamable HTTP first and SSE when that cannot connect),
 * always through the egress client. A listing reports each server's own status.
 */
export function compatMcpRoutes(app: App, context: LinkRoutesContext): void {
  const { mcpServers, connector } = context;
  /** Runs `use` on a server given by URL; `auto` falls back to SSE only when streamable HTTP could not connect. */
  async function adHoc<T>(url: string, wanted: Transport, use: (server: { url: string; transport: 'streamable-http' | 'sse'; headers: Record<string, string> }) => Promise<T>): Promise<T> {
    const over = (kind: 'streamable-http' | 'sse') => use({ url, transport: kind, headers: {} });
    if (wanted === 'sse') return over('sse');
    if (wanted === 'streamable_http') return over('streamable-http');
    try {
      return await over('streamable-http');
    } catch (error) {
      if (isAppError(error) && error.code === 'mcp_connect_failed') return over('sse');
      throw error;
    }
  }

  async function serverStatus(where: { server_id: string } | { server_url: string }, list: () => Promise<McpTool[]>) {
    try {
      const tools = await list();
      return { ...where, server_status: SUCCESS.code, server_message: SUCCESS.message, tools: tools.map(toolInfo) };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { ...where, server_status: originalCode(error), server_message: error.message, tools: [] };
    }
  }

  app.post('/api/v1/mcp/tool_list', { schema: { tags } }, (request, reply) =>
    replyManagement(reply, async () => {
      const { spaceId } = callerOf(request, context);
      const body = parseCompat(listBody, request.body);
      const servers = await Promise.all([
        ...(body.mcp_server_ids ?? []).map((id) => serverStatus({ server_id: id }, async () => (await mcpServers.tools(spaceId, id)).tools)),
        ...(body.mcp_server_urls ?? []).map((url) => serverStatus({ server_url: url }, () => adHoc(url, body.transport ?? 'auto', (server) => connector.listTools(server)))),
      ]);
      return { servers };
    }),
  );

  app.post('/api/v1/mcp/call_tool', { schema: { tags } }, (request, reply) =>
    replyManagement(reply, async () => {
      const { spaceId } = callerOf(request, context);
      const body = parseCompat(callBody, request.body);
      const args = body.tool_args ?? {};
      const result = body.mcp_server_url
        ? await adHoc(body.mcp_server_url, body.transport ?? 'auto', (server) => connector.callTool(server, body.tool_name, args))
        : await mcpServers.call(spaceId, body.mcp_server_id ?? '', body.tool_name, args);
      return { isError: result.isError, content: contentOf(result) };
    }),
  );
}
