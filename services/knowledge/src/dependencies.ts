import { databaseDependency, redisDependency, type Dependency } from '@astron/kit/service';
import { createRagflowClient, type RagflowSettings } from './backends/ragflow/index.js';
import type { KnowledgeConfig } from './config.js';

/** The RAGFlow server answers with this API key: a dataset lookup needs both (a wrong key is RAGFlow's code 109). */
function ragflowDependency(settings: RagflowSettings): Dependency {
  return {
    name: 'ragflow',
    target: `RAGFlow at ${settings.baseUrl} (RAGFLOW_BASE_URL, RAGFLOW_API_TOKEN)`,
    fix: 'start RAGFlow, or correct RAGFLOW_BASE_URL and RAGFLOW_API_TOKEN (an API key made in RAGFlow)',
    async check() {
      await createRagflowClient(settings).findDataset('astron-doctor');
    },
  };
}

/** What the knowledge service needs to serve; `astron doctor` checks each and prints the fix of those that fail. */
export function knowledgeDependencies(config: KnowledgeConfig): Dependency[] {
  return [
    databaseDependency(config.database, 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD'),
    ...(config.redis === null ? [] : [redisDependency(config.redis, 'REDIS_ADDR, REDIS_PASSWORD')]),
    ...(config.ragflow === null ? [] : [ragflowDependency(config.ragflow)]),
  ];
}
