import { hubService, provisionTeamSpace, type TeamSpaceProvisioned } from '@astron/hub';
import { baseEnvironment, isEmbedded, serviceEnvironment, startEmbeddedDatabase } from '../environment.js';

export interface SpaceCreateOptions {
  owner: string;
  config?: string;
}

/**
 * `astron space create NAME --owner EMAIL`: writes the team space straight into the hub's database,
 * the embedded one under the data directory (while the platform is stopped: one process at a
 * time opens it) or the distributed one named by the environment or --config.
 */
export async function createSpace(name: string, options: SpaceCreateOptions): Promise<TeamSpaceProvisioned> {
  const env = baseEnvironment(options);
  const database = isEmbedded(env) ? await startEmbeddedDatabase(env, { borrow: true }) : null;
  try {
    const config = hubService.loadConfig(serviceEnvironment(hubService, env, database?.database ?? null));
    return await provisionTeamSpace(config, { name, ownerEmail: options.owner });
  } finally {
    await database?.close();
  }
}
