import { databaseDependency, migrationRunner, type ServiceModule } from '@astron/kit/service';
import { loadConfig, MEMORY_PORT, type MemoryConfig } from './config.js';
import { startMemory } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type MemoryConfig } from './config.js';
export { startMemory, type RunningMemory } from './service.js';

export const memoryService: ServiceModule<MemoryConfig> = {
  name: 'memory',
  composeName: 'core-memory',
  defaultPort: MEMORY_PORT,
  loadConfig,
  // The original's PGSQL_* family, pointed at the process's shared embedded PostgreSQL (schema `memory` and one
  // schema per database copy in it).
  embeddedEnv: ({ database }) => ({
    PGSQL_HOST: database.host,
    PGSQL_PORT: String(database.port),
    PGSQL_USER: database.user,
    PGSQL_PASSWORD: database.password,
    PGSQL_DATABASE: database.database,
  }),
  start: startMemory,
  migrate: migrationRunner(migrations),
  dependencies: (config) => [databaseDependency(config.database, 'PGSQL_HOST, PGSQL_PORT, PGSQL_USER, PGSQL_PASSWORD, PGSQL_DATABASE (or DATABASE_URL)')],
};
