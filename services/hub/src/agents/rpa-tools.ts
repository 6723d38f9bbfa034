import { uniqueToolName } from '@astron/llm';
import type { HubContext } from '../context.js';
import { pluginSettingsStore } from '../plugins/settings-store.js';
import type { AgentDraft } from './schemas.js';

/** A tool reference of the agent service's rpa provider (services/agent/src/domain/tools/rpa-provider.ts). */
export interface RpaToolReference {
  name: string;
  provider: 'rpa';
  options: { projectId: string; description: string; parameters: Record<string, unknown>; token: string | null };
}

/**
 * An agent's RPA robots as tool references. Each carries the space's RPA platform token, opened for this run only,
 * as a run carries its model's key: the agent service keeps it for the run and hands it to the rpa service.
 */
export function rpaTools(context: Pick<HubContext, 'db' | 'keyring'>) {
  const settings = pluginSettingsStore(context.db);
  return {
    /** `taken` holds the names the agent's other tools already use. */
    async references(spaceId: string, robots: AgentDraft['rpa'], taken: Set<string>): Promise<RpaToolReference[]> {
      if (robots.length === 0) return [];
      const sealed = await settings.rpaTokenSealed(spaceId);
      // Without a token the agent service refuses the run, naming the robot: the person learns what to set.
      const token = sealed === null ? null : context.keyring.decrypt(sealed);
      return robots.map((robot) => ({
        name: uniqueToolName(robot.name, taken),
        provider: 'rpa',
        options: { projectId: robot.projectId, description: robot.description, parameters: robot.parameters, token },
      }));
    },
  };
}
