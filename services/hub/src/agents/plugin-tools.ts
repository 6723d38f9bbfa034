import { AppError, badRequest } from '@astron/kit/errors';
import { uniqueToolName } from '@astron/llm';
import type { HubContext } from '../context.js';
import { peerService } from '../peers.js';
import { aiModelsDomain } from '../plugins/ai-models.js';
import type { AgentDraft } from './schemas.js';

type PluginFields = Pick<AgentDraft, 'plugins' | 'mcpTools' | 'databases' | 'aiTools'>;

/** A tool reference of the agent service's run request (`definition.tools`). */
export interface PluginToolReference {
  name: string;
  provider: 'link' | 'mcp' | 'memory' | 'aitools';
  options: Record<string, unknown>;
}

const isRefusal = (error: unknown): error is AppError => error instanceof AppError && error.status >= 400 && error.status < 500;

/**
 * The plugins an agent names (link operations, MCP tools, memory databases, AI tools): checked against the services
 * when a draft is saved, each of the space's own, and turned into tool references at every run.
 */
export function pluginTools(context: HubContext) {
  const link = peerService(context, 'link');
  const memory = peerService(context, 'memory');
  const aitools = peerService(context, 'aitools');
  const models = aiModelsDomain(context);

  /** Runs `probe`; a 4xx of the service becomes a 400 naming the draft's field. */
  async function owned(field: string, code: string, what: string, probe: () => Promise<unknown>): Promise<void> {
    try {
      await probe();
    } catch (error) {
      if (isRefusal(error)) throw badRequest(`${what}: ${error.message}`, [{ field, message: error.code }], code);
      throw error;
    }
  }

  async function check(spaceId: string, fields: Partial<PluginFields>): Promise<void> {
    const space = { space: spaceId };
    for (const [index, plugin] of (fields.plugins ?? []).entries()) {
      await owned(`plugins.${index}`, 'unknown_plugin', `tool ${plugin.toolId} operation ${plugin.operationId} cannot be used`, () =>
        link.call(space, 'POST', '/link/v1/tools/describe', { body: { tools: [plugin] } }),
      );
    }
    for (const [index, tool] of (fields.mcpTools ?? []).entries()) {
      await owned(`mcpTools.${index}`, 'unknown_mcp_server', `MCP server ${tool.serverId} cannot be used`, () => link.call(space, 'GET', `/link/v1/mcp/servers/${encodeURIComponent(tool.serverId)}`));
    }
    for (const [index, database] of (fields.databases ?? []).entries()) {
      await owned(`databases.${index}`, 'unknown_database', `database ${database.databaseId} cannot be used`, () => memory.call(space, 'GET', `/memory/v1/databases/${database.databaseId}`));
    }
    const wanted = fields.aiTools ?? [];
    if (wanted.length > 0) {
      const { tools } = await aitools.call<{ tools: { name: string }[] }>(space, 'GET', '/aitools/v1/tools');
      const known = new Set(tools.map((tool) => tool.name));
      for (const [index, name] of wanted.entries()) {
        if (!known.has(name)) throw badRequest(`${name} is not an AI tool; known: ${[...known].join(', ')}`, [{ field: `aiTools.${index}`, message: 'unknown AI tool' }], 'unknown_ai_tool');
      }
    }
  }

  /** A tool the agent names that is gone (or unpublished) stops the run with a message saying which. */
  const unavailable = (what: string, error: AppError) =>
    new AppError({ code: 'agent_tool_unavailable', status: 409, message: `the agent uses ${what}, which cannot be used now (${error.message}); fix or remove it in the agent`, details: { upstream: error.code } });

  async function linkReferences(spaceId: string, draft: PluginFields, taken: Set<string>): Promise<PluginToolReference[]> {
    if (draft.plugins.length === 0) return [];
    let described: { tools: { name: string }[] };
    try {
      described = await link.call({ space: spaceId }, 'POST', '/link/v1/tools/describe', { body: { tools: draft.plugins } });
    } catch (error) {
      if (isRefusal(error)) throw unavailable('plugins', error);
      throw error;
    }
    return draft.plugins.map((plugin, index) => ({
      name: uniqueToolName(described.tools[index]?.name ?? plugin.operationId, taken),
      provider: 'link',
      options: { toolId: plugin.toolId, operationId: plugin.operationId, ...(plugin.version === undefined ? {} : { version: plugin.version }) },
    }));
  }

  async function memoryReferences(spaceId: string, draft: PluginFields, taken: Set<string>): Promise<PluginToolReference[]> {
    if (draft.databases.length === 0) return [];
    const { items } = await memory.call<{ items: { id: number; name: string }[] }>({ space: spaceId }, 'GET', '/memory/v1/databases');
    return draft.databases.map((database) => {
      const found = items.find((item) => Number(item.id) === database.databaseId);
      if (found === undefined) throw new AppError({ code: 'agent_tool_unavailable', status: 409, message: `the agent uses database ${database.databaseId}, which no longer exists; remove it from the agent` });
      return { name: uniqueToolName(`query_${found.name}`, taken), provider: 'memory', options: { databaseId: database.databaseId, readOnly: database.readOnly } };
    });
  }

  return {
    check,

    /** An imported file's plugins that this space has, and a warning for each one left out. */
    async keepOwned(spaceId: string, draft: PluginFields): Promise<{ kept: PluginFields; warnings: string[] }> {
      const warnings: string[] = [];
      const keep = async <T>(field: keyof PluginFields, items: T[], label: (item: T) => string): Promise<T[]> => {
        const kept: T[] = [];
        for (const item of items) {
          const ok = await check(spaceId, { [field]: [item] }).then(
            () => true,
            (error: unknown) => {
              if (error instanceof AppError && error.status === 400) return false;
              throw error;
            },
          );
          if (ok) kept.push(item);
          else warnings.push(`${label(item)} is not available in this space; it was left out`);
        }
        return kept;
      };
      const kept: PluginFields = {
        plugins: await keep('plugins', draft.plugins, (plugin) => `tool ${plugin.toolId} operation ${plugin.operationId}`),
        mcpTools: await keep('mcpTools', draft.mcpTools, (tool) => `MCP tool ${tool.tool} of ${tool.serverId}`),
        databases: await keep('databases', draft.databases, (database) => `database ${database.databaseId}`),
        aiTools: await keep('aiTools', draft.aiTools, (tool) => `AI tool ${tool}`),
      };
      return { kept, warnings };
    },

    /** The references of one run; `taken` holds the names the agent's other tools already use. */
    async references(spaceId: string, draft: PluginFields, taken: Set<string>): Promise<PluginToolReference[]> {
      const references = [...(await linkReferences(spaceId, draft, taken))];
      for (const tool of draft.mcpTools) {
        references.push({ name: uniqueToolName(`mcp_${tool.serverId.replace(/^mcp@/, '').slice(0, 8)}_${tool.tool}`, taken), provider: 'mcp', options: { serverId: tool.serverId, tool: tool.tool } });
      }
      references.push(...(await memoryReferences(spaceId, draft, taken)));
      if (draft.aiTools.length > 0) {
        const chosen = await models.effective(spaceId);
        for (const tool of draft.aiTools) references.push({ name: uniqueToolName(tool, taken), provider: 'aitools', options: { tool, models: chosen } });
      }
      return references;
    },
  };
}

export type PluginTools = ReturnType<typeof pluginTools>;
