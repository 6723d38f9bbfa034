import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { loadConfig, RPA_PORT, type RpaConfig } from './config.js';
import { rpaDependencies } from './dependencies.js';
import { startRpa } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type RpaConfig } from './config.js';
export { startRpa } from './service.js';
export { rpaCodes, type FailureReason, type TaskStatus, type ToolOutput } from './domain/outcome.js';

export const rpaService: ServiceModule<RpaConfig> = {
  name: 'rpa',
  composeName: 'core-rpa',
  defaultPort: RPA_PORT,
  loadConfig,
  embeddedEnv: ({ database }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=rpa`,
  }),
  start: startRpa,
  migrate: migrationRunner(migrations),
  dependencies: rpaDependencies,
};
