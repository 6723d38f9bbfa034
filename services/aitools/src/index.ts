import type { ServiceModule } from '@astron/kit/service';
import { AITOOLS_PORT, loadConfig, type AitoolsConfig } from './config.js';
import { aitoolsDependencies } from './dependencies.js';
import { startAitools } from './service.js';

export { loadConfig, type AitoolsConfig } from './config.js';
export { startAitools } from './service.js';
export { fixedModels, hubModels, type AitoolsModels } from './models/resolver.js';
export { modelSlots, type ModelChoice, type ModelSlot } from './models/slots.js';

export const aitoolsService: ServiceModule<AitoolsConfig> = {
  name: 'aitools',
  composeName: 'core-aitools',
  defaultPort: AITOOLS_PORT,
  loadConfig,
  embeddedEnv: ({ peers }) => (peers.hub === undefined ? {} : { HUB_URL: peers.hub }),
  start: startAitools,
  // No database: the service keeps only files, which need no migration.
  migrate: async () => [],
  dependencies: aitoolsDependencies,
};
