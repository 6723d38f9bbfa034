import { z } from 'zod';
import type { RunScope, ToolProvider, ToolRequest, ToolSpec } from './provider.js';
import { argumentsObject, describeCall, memberName, optionsOf, runCall, toolParameters, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

/**
 * What an MCP tool reference names: a server registered in link and one of its tools (the hub's mcpTools), or
 * without `tool` every tool it offers (an agent node's mcpServerIds).
 */
const optionsSchema = z.object({ serverId: z.string().min(1).max(64), tool: z.string().min(1).max(256).optional() });

interface McpTool {
  name: string;
  description?: string | null;
  inputSchema?: unknown;
}

interface DescribedServer {
  serverId: string;
  name: string | null;
  tools: McpTool[];
  error?: { code: string; message: string };
}

interface McpBinding {
  serverId: string;
  tool: string;
}

interface CallAnswer {
  isError: boolean;
  content: { type: string; text?: string; mimeType?: string }[];
  structuredContent?: unknown;
}

const CALL_TIMEOUT_MS = 60_000;
/** Link's /mcp/describe takes this many servers per request. */
const SERVERS_PER_DESCRIBE = 20;

/** MCP content as text: the texts, and a note for what a model cannot read here (images, audio, resources). */
function contentText(content: CallAnswer['content']): string {
  return content.map((item) => (item.type === 'text' ? (item.text ?? '') : `[${item.type}${item.mimeType ? ` ${item.mimeType}` : ''} omitted]`)).join('\n');
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/**
 * Tools of remote MCP servers registered in the link service. The servers of a run are listed at its start, in one
 * request per 20 (link lists them at once and reports each one's failure in place); a call goes through link.
 * A reference to a whole server offers each of its tools as `<name>_<tool>`.
 */
export function mcpProvider(service: ServiceToolsOptions): ToolProvider {
  async function describeServers(wanted: { request: ToolRequest; serverId: string }[], scope: RunScope): Promise<Map<string, DescribedServer>> {
    const serverIds = [...new Set(wanted.map((entry) => entry.serverId))];
    const answers = await Promise.all(
      chunks(serverIds, SERVERS_PER_DESCRIBE).map(async (servers) => {
        try {
          return (await describeCall<{ servers: DescribedServer[] }>(service, { method: 'POST', path: '/link/v1/mcp/describe', body: { servers } }, scope)).servers;
        } catch (error) {
          const first = wanted.find((entry) => servers.includes(entry.serverId)) as (typeof wanted)[number];
          throw toolUnavailable(first.request, `the MCP server ${first.serverId}`, error);
        }
      }),
    );
    return new Map(answers.flat().map((server) => [server.serverId, server]));
  }

  function specOf(name: string, server: DescribedServer, tool: McpTool): ToolSpec {
    const binding: McpBinding = { serverId: server.serverId, tool: tool.name };
    const description = tool.description || `The tool ${tool.name} of the MCP server ${server.name ?? server.serverId}`;
    return { name, description, parameters: toolParameters(tool.inputSchema), timeoutMs: CALL_TIMEOUT_MS, binding };
  }

  return {
    id: 'mcp',
    async listTools(requests, scope) {
      const wanted = requests.map((request) => ({ request, ...optionsOf(optionsSchema, request) }));
      const servers = await describeServers(wanted, scope);
      return wanted.flatMap(({ request, serverId, tool }): ToolSpec[] => {
        const server = servers.get(serverId);
        const what = tool === undefined ? `the MCP server ${serverId}` : `the tool ${tool} of the MCP server ${serverId}`;
        if (server === undefined) throw toolUnavailable(request, what, 'link did not describe the server');
        if (server.error !== undefined) throw toolUnavailable(request, what, `${server.error.message} (${server.error.code})`);
        if (tool === undefined) return server.tools.map((found) => specOf(memberName(request.name, found.name), server, found));
        const found = server.tools.find((candidate) => candidate.name === tool);
        if (found === undefined) throw toolUnavailable(request, what, `the server ${server.name ?? serverId} offers ${server.tools.map((candidate) => candidate.name).join(', ') || 'no tools'}`);
        return [specOf(request.name, server, found)];
      });
    },
    async runTool(_name, input, context, spec) {
      const binding = spec.binding as McpBinding;
      const answer = await runCall<CallAnswer>(service, { method: 'POST', path: '/link/v1/mcp/call', body: { ...binding, arguments: argumentsObject(input) } }, context, CALL_TIMEOUT_MS);
      if (answer.isError) throw new Error(`the MCP tool reported an error: ${contentText(answer.content)}`);
      return answer.structuredContent ?? contentText(answer.content);
    },
  };
}
