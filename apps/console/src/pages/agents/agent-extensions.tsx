import type { AgentFormValues } from './agent-form-model.js';
import { AgentAiTools } from './agent-ai-tools.js';
import { AgentDatabases } from './agent-databases.js';
import { AgentMcpTools } from './agent-mcp-tools.js';
import { AgentPlugins } from './agent-plugins.js';
import { AgentRpa } from './agent-rpa.js';

type ExtensionValues = Pick<AgentFormValues, 'plugins' | 'mcpTools' | 'databases' | 'aiTools' | 'rpa'>;

/** The tools an agent gets from the plugin services: OpenAPI operations, MCP tools, databases, AI tools, RPA robots. */
export function AgentExtensions({
  values,
  onChange,
}: {
  values: ExtensionValues;
  onChange: (next: Partial<ExtensionValues>) => void;
}) {
  return (
    <>
      <AgentPlugins value={values.plugins} onChange={(plugins) => onChange({ plugins })} />
      <AgentMcpTools value={values.mcpTools} onChange={(mcpTools) => onChange({ mcpTools })} />
      <AgentDatabases value={values.databases} onChange={(databases) => onChange({ databases })} />
      <AgentAiTools value={values.aiTools} onChange={(aiTools) => onChange({ aiTools })} />
      <AgentRpa value={values.rpa} onChange={(rpa) => onChange({ rpa })} />
    </>
  );
}
