import type { ApiClient } from './client.js';
import type {
  AiToolModels,
  AiToolsState,
  McpCallResult,
  McpServer,
  McpServerInput,
  McpTool,
  RpaState,
  ToolSet,
  ToolSetInput,
  ToolSetSource,
  ToolSetSummary,
  ToolSetVersion,
  ToolSetVersionDetail,
  ToolTestRun,
} from './plugin-types.js';

/** /api/plugins: link's tool sets and MCP servers, the space's AI tool models, the RPA token. */
export function pluginEndpoints(client: ApiClient) {
  const id = encodeURIComponent;
  const toolSet = (toolSetId: string) => `/api/plugins/tool-sets/${id(toolSetId)}`;
  const mcpServer = (serverId: string) => `/api/plugins/mcp-servers/${id(serverId)}`;
  return {
    toolSets: {
      list: () => client.get<{ items: ToolSetSummary[] }>('/api/plugins/tool-sets'),
      get: (toolSetId: string) => client.get<ToolSet>(toolSet(toolSetId)),
      create: (body: ToolSetInput & { source: ToolSetSource }) =>
        client.post<ToolSet>('/api/plugins/tool-sets', body),
      update: (toolSetId: string, body: ToolSetInput) => client.patch<ToolSet>(toolSet(toolSetId), body),
      remove: (toolSetId: string) => client.delete(toolSet(toolSetId)),
      publish: (toolSetId: string) => client.post<ToolSetVersion>(`${toolSet(toolSetId)}/versions`),
      versions: (toolSetId: string) =>
        client.get<{ items: ToolSetVersion[] }>(`${toolSet(toolSetId)}/versions`),
      version: (toolSetId: string, version: string) =>
        client.get<ToolSetVersionDetail>(`${toolSet(toolSetId)}/versions/${id(version)}`),
      testRun: (
        toolSetId: string,
        body: { operationId: string; inputs: Record<string, unknown>; version?: string },
      ) => client.post<ToolTestRun>(`${toolSet(toolSetId)}/test-run`, body),
    },
    mcpServers: {
      list: () => client.get<{ items: McpServer[] }>('/api/plugins/mcp-servers'),
      create: (body: McpServerInput & { name: string; url: string }) =>
        client.post<McpServer>('/api/plugins/mcp-servers', body),
      update: (serverId: string, body: McpServerInput) => client.patch<McpServer>(mcpServer(serverId), body),
      remove: (serverId: string) => client.delete(mcpServer(serverId)),
      tools: (serverId: string, refresh = false) =>
        client.get<{ tools: McpTool[]; cached: boolean }>(`${mcpServer(serverId)}/tools`, {
          query: { refresh: refresh ? 'true' : undefined },
        }),
      call: (serverId: string, body: { tool: string; arguments: Record<string, unknown> }) =>
        client.post<McpCallResult>(`${mcpServer(serverId)}/call`, body),
    },
    aiTools: {
      get: () => client.get<AiToolsState>('/api/plugins/ai-tools'),
      setModels: (body: Partial<AiToolModels>) =>
        client.put<AiToolsState>('/api/plugins/ai-tools/models', body),
    },
    rpa: {
      get: () => client.get<RpaState>('/api/plugins/rpa'),
      setToken: (token: string | null) => client.put<RpaState>('/api/plugins/rpa', { token }),
    },
  };
}
