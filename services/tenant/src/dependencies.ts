import { databaseDependency, redisDependency, type Dependency } from '@astron/kit/service';
import type { TenantConfig } from './config.js';

/** What the tenant needs to serve; `astron doctor` checks each and prints the fix of those that fail. */
export function tenantDependencies(config: TenantConfig): Dependency[] {
  const dependencies = [databaseDependency(config.database, 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD')];
  if (config.redis !== null) dependencies.push(redisDependency(config.redis, 'REDIS_ADDR, REDIS_PASSWORD'));
  return dependencies;
}
