import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { loadConfig, WORKFLOW_PORT, type WorkflowConfig } from './config.js';
import { workflowDependencies } from './dependencies.js';
import { startWorkflow } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type WorkflowConfig } from './config.js';
export { startWorkflow, startWorkflowWorker } from './service.js';
export { decodeEventId, encodeEventId } from './routes/astron-frames.js';

export const workflowService: ServiceModule<WorkflowConfig> = {
  name: 'workflow',
  composeName: 'core-workflow',
  defaultPort: WORKFLOW_PORT,
  loadConfig,
  embeddedEnv: ({ database, peers }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=workflow`,
    ...(peers.hub === undefined ? {} : { HUB_URL: peers.hub }),
    ...(peers.agent === undefined ? {} : { AGENT_URL: peers.agent }),
    ...(peers.knowledge === undefined ? {} : { KNOWLEDGE_URL: peers.knowledge }),
    ...(peers.link === undefined ? {} : { LINK_URL: peers.link }),
    ...(peers.memory === undefined ? {} : { MEMORY_URL: peers.memory }),
  }),
  start: startWorkflow,
  migrate: migrationRunner(migrations),
  dependencies: workflowDependencies,
};
