import type { HubContext } from '../context.js';
import { KNOWLEDGE_TOOL } from './agent-service.js';
import { pluginTools, type PluginToolReference } from './plugin-tools.js';
import { rpaTools, type RpaToolReference } from './rpa-tools.js';
import type { AgentDraft } from './schemas.js';
import { workflowTools, type WorkflowToolReference } from './workflow-tools.js';

/**
 * Every tool reference of a run that the hub resolves: the agent's workflows (their published versions), its
 * plugins and its RPA robots, named so that no two tools of the agent share a name (built-ins and the knowledge
 * search included).
 */
export function runTools(context: HubContext) {
  const workflows = workflowTools(context);
  const plugins = pluginTools(context);
  const robots = rpaTools(context);
  return {
    async resolve(spaceId: string, draft: AgentDraft): Promise<(WorkflowToolReference | PluginToolReference | RpaToolReference)[]> {
      const resolved = await workflows.references(spaceId, draft.workflows);
      const taken = new Set<string>([...draft.tools, KNOWLEDGE_TOOL, ...resolved.map((reference) => reference.name)]);
      const pluginReferences = await plugins.references(spaceId, draft, taken);
      return [...resolved, ...pluginReferences, ...(await robots.references(spaceId, draft.rpa, taken))];
    },
  };
}
