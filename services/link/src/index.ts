import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { LINK_PORT, loadConfig, type LinkConfig } from './config.js';
import { linkDependencies } from './dependencies.js';
import { startLink } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type LinkConfig } from './config.js';
export { startLink, type RunningLink } from './service.js';

export const linkService: ServiceModule<LinkConfig> = {
  name: 'link',
  composeName: 'core-link',
  defaultPort: LINK_PORT,
  loadConfig,
  embeddedEnv: ({ database }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=link`,
  }),
  start: startLink,
  migrate: migrationRunner(migrations),
  dependencies: linkDependencies,
};
