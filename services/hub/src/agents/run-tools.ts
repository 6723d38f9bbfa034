import type { HubContext } from '../context.js';
import { KNOWLEDGE_TOOL } from './agent-service.js';
import { pluginTools, type PluginToolReference } from './plugin-tools.js';
import type { AgentDraft } from './schemas.js';
import { workflowTools, type WorkflowToolReference } from './workflow-tools.js';

/**
 * Every tool reference of a run that the hub resolves: the agent's workflows (their published versions) and its
 * plugins, named so that no two tools of the agent share a name (built-ins and the knowledge search included).
 */
export function runTools(context: HubContext) {
  const workflows = workflowTools(context);
  const plugins = pluginTools(context);
  return {
    async resolve(spaceId: string, draft: AgentDraft): Promise<(WorkflowToolReference | PluginToolReference)[]> {
      const resolved = await workflows.references(spaceId, draft.workflows);
      const taken = new Set<string>([...draft.tools, KNOWLEDGE_TOOL, ...resolved.map((reference) => reference.name)]);
      return [...resolved, ...(await plugins.references(spaceId, draft, taken))];
    },
  };
}
