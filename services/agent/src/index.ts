import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { AGENT_PORT, loadConfig, type AgentConfig } from './config.js';
import { agentDependencies } from './dependencies.js';
import { startAgent } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type AgentConfig } from './config.js';
export { startAgent } from './service.js';
export type { AgentDefinition, AgentStep, ModelEndpoint, ToolReference } from './domain/types.js';
export { defineTool, type ToolContext, type ToolDefinition } from './domain/tools/define-tool.js';
export type { ToolProvider, ToolSpec } from './domain/tools/provider.js';

export const agentService: ServiceModule<AgentConfig> = {
  name: 'agent',
  composeName: 'core-agent',
  defaultPort: AGENT_PORT,
  loadConfig,
  embeddedEnv: ({ database, peers }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=agent`,
    ...(peers.hub === undefined ? {} : { HUB_URL: peers.hub }),
    ...(peers.workflow === undefined ? {} : { WORKFLOW_URL: peers.workflow }),
    ...(peers.knowledge === undefined ? {} : { KNOWLEDGE_URL: peers.knowledge }),
    ...(peers.link === undefined ? {} : { LINK_URL: peers.link }),
    ...(peers.memory === undefined ? {} : { MEMORY_URL: peers.memory }),
    ...(peers.aitools === undefined ? {} : { AITOOLS_URL: peers.aitools }),
    ...(peers.rpa === undefined ? {} : { RPA_URL: peers.rpa }),
  }),
  start: startAgent,
  migrate: migrationRunner(migrations),
  dependencies: agentDependencies,
};
