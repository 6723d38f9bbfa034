import { useQuery } from '@tanstack/react-query';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index.js';
import type { AgentMcpTool, McpServer } from '../../api/plugin-types.js';
import { keys } from '../../api/queries.js';
import { InlineError } from '../../components/error-state.js';

/** The hub's limit (services/hub/src/agents/schemas.ts). */
export const MAX_AGENT_MCP_TOOLS = 32;

function ServerTools({
  server,
  value,
  full,
  onChange,
}: {
  server: McpServer;
  value: AgentMcpTool[];
  full: boolean;
  onChange: (tools: AgentMcpTool[]) => void;
}) {
  const { t } = useTranslation();
  const tools = useQuery({
    queryKey: keys.mcpTools(server.id),
    queryFn: () => api.plugins.mcpServers.tools(server.id),
  });
  return (
    <div className="ml-6 space-y-2 border-l border-slate-100 pl-3">
      {tools.isPending && <p className="text-xs text-slate-400">{t('common.loading')}</p>}
      {tools.isError && <InlineError error={tools.error} />}
      {tools.data?.tools.map((tool) => {
        const checked = value.some((item) => item.serverId === server.id && item.tool === tool.name);
        return (
          <label key={tool.name} className="flex items-start gap-2.5 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600"
              checked={checked}
              disabled={full && !checked}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value, { serverId: server.id, tool: tool.name }]
                    : value.filter((item) => !(item.serverId === server.id && item.tool === tool.name)),
                )
              }
              data-testid="agent-mcp-tool"
              data-server-id={server.id}
              data-tool={tool.name}
            />
            <span>
              <code className="text-xs text-slate-800">{tool.name}</code>
              {tool.description !== undefined && tool.description !== '' && (
                <span className="block text-xs text-slate-500">{tool.description}</span>
              )}
            </span>
          </label>
        );
      })}
    </div>
  );
}

/** Tools of the space's MCP servers the agent may call; a server opens to list its tools (it is asked then). */
export function AgentMcpTools({
  value,
  onChange,
}: {
  value: AgentMcpTool[];
  onChange: (tools: AgentMcpTool[]) => void;
}) {
  const { t } = useTranslation();
  const servers = useQuery({ queryKey: keys.mcpServers, queryFn: () => api.plugins.mcpServers.list() });
  const [open, setOpen] = useState<string[]>(() => [...new Set(value.map((item) => item.serverId))]);
  const items = servers.data?.items ?? [];
  const missing =
    servers.data === undefined
      ? []
      : value.filter((item) => !items.some((server) => server.id === item.serverId));
  const full = value.length >= MAX_AGENT_MCP_TOOLS;

  return (
    <div
      className="space-y-2"
      role="group"
      aria-label={t('agents.form.mcpTools')}
      data-testid="agent-mcp-tools"
    >
      <p className="text-sm font-medium text-slate-700">{t('agents.form.mcpTools')}</p>
      <p className="text-xs text-slate-500">{t('agents.form.mcpToolsHint', { max: MAX_AGENT_MCP_TOOLS })}</p>
      {servers.data !== undefined && items.length === 0 && (
        <p className="text-xs text-slate-400">{t('agents.form.mcpToolsEmpty')}</p>
      )}
      {items.map((server) => {
        const expanded = open.includes(server.id);
        return (
          <div key={server.id} className="space-y-2">
            <button
              type="button"
              className="flex items-center gap-1.5 text-sm"
              aria-expanded={expanded}
              onClick={() => setOpen(expanded ? open.filter((id) => id !== server.id) : [...open, server.id])}
              data-testid="agent-mcp-server"
              data-server-id={server.id}
            >
              {expanded ? (
                <ChevronDown className="size-4 text-slate-400" aria-hidden />
              ) : (
                <ChevronRight className="size-4 text-slate-400" aria-hidden />
              )}
              <span className="font-medium text-slate-800">{server.name}</span>
            </button>
            {expanded && <ServerTools server={server} value={value} full={full} onChange={onChange} />}
          </div>
        );
      })}
      {missing.map((item) => (
        <label key={`${item.serverId}/${item.tool}`} className="flex items-start gap-2.5 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 rounded border-slate-300"
            checked
            onChange={() => onChange(value.filter((other) => other !== item))}
            data-testid="agent-mcp-tool"
            data-server-id={item.serverId}
            data-tool={item.tool}
          />
          <span className="text-xs text-amber-700">
            {t('agents.form.missing', { id: `${item.serverId} · ${item.tool}` })}
          </span>
        </label>
      ))}
    </div>
  );
}
