import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { KNOWLEDGE_PORT, loadConfig, type KnowledgeConfig } from './config.js';
import { knowledgeDependencies } from './dependencies.js';
import { startKnowledge } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type KnowledgeConfig } from './config.js';
export { startKnowledge } from './service.js';
export { fixedModels, hubModels, type KnowledgeModels } from './models.js';

export const knowledgeService: ServiceModule<KnowledgeConfig> = {
  name: 'knowledge',
  composeName: 'core-knowledge',
  defaultPort: KNOWLEDGE_PORT,
  loadConfig,
  embeddedEnv: ({ database, peers }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=knowledge`,
    ...(peers.hub === undefined ? {} : { HUB_URL: peers.hub }),
  }),
  start: startKnowledge,
  migrate: migrationRunner(migrations),
  dependencies: knowledgeDependencies,
};
