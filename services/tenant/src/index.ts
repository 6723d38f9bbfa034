import { migrationRunner, type ServiceModule } from '@astron/kit/service';
import { loadConfig, TENANT_PORT, type TenantConfig } from './config.js';
import { tenantDependencies } from './dependencies.js';
import { startTenant } from './service.js';
import { migrations } from './store/migrations.js';

export { loadConfig, type TenantConfig } from './config.js';
export { startTenant } from './service.js';
export { signRequest, sha256Base64 } from './domain/signature.js';

export const tenantService: ServiceModule<TenantConfig> = {
  name: 'tenant',
  composeName: 'core-tenant',
  defaultPort: TENANT_PORT,
  loadConfig,
  embeddedEnv: ({ database }) => ({
    DATABASE_DB_TYPE: 'postgres',
    DATABASE_URL: `postgres://${encodeURIComponent(database.user)}:${encodeURIComponent(database.password)}@${database.host}:${database.port}/${database.database}?schema=tenant`,
  }),
  start: startTenant,
  migrate: migrationRunner(migrations),
  dependencies: tenantDependencies,
};
