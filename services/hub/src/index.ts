import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { HUB_PORT, loadConfig, type HubConfig } from './config.js';
import { hubDependencies } from './dependencies.js';
import { startHub } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type HubConfig } from './config.js';
export { startHub } from './service.js';
export { createPlatformAdmin, prepareAdmin, type CreatedAdmin } from './accounts/admin.js';
export { provisionTeamSpace, type TeamSpaceProvisioned } from './spaces/provisioning.js';
export { addProvider, checkProviderProvisioning, type ProviderProvisioning } from './providers/provisioning.js';
export { createApiKey } from './api-keys/provisioning.js';
export { exportWorkflowFile, importWorkflowFile, type WorkflowProvisioned } from './workflows/provisioning.js';
export { knowledgeSpaces, knowledgeTarget, type KnowledgeTarget } from './knowledge/provisioning.js';
export { createAgent, exportAgent, importAgent, listAgents, type AgentProvisioning, type AgentProvisioned } from './agents/provisioning.js';

export const hubService: ServiceModule<HubConfig> = {
  name: 'hub',
  composeName: 'console-hub',
  defaultPort: HUB_PORT,
  loadConfig,
  embeddedEnv: ({ database, peers, consoleDir }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=hub`,
    ...(peers.tenant === undefined ? {} : { TENANT_URL: peers.tenant }),
    ...(peers.agent === undefined ? {} : { AGENT_URL: peers.agent }),
    ...(peers.workflow === undefined ? {} : { WORKFLOW_URL: peers.workflow }),
    ...(peers.knowledge === undefined ? {} : { KNOWLEDGE_URL: peers.knowledge }),
    ...(peers.link === undefined ? {} : { LINK_URL: peers.link }),
    ...(peers.memory === undefined ? {} : { MEMORY_URL: peers.memory }),
    ...(peers.aitools === undefined ? {} : { AITOOLS_URL: peers.aitools }),
    ...(peers.rpa === undefined ? {} : { RPA_URL: peers.rpa }),
    CONSOLE_DIST: consoleDir,
  }),
  start: startHub,
  migrate: migrationRunner(migrations),
  dependencies: hubDependencies,
};
