import { databaseDependency, redisDependency, type Dependency } from '@astron/kit/service';
import type { WorkflowConfig } from './config.js';

/** What the workflow service needs to serve; `astron doctor` checks each and prints the fix of those that fail. */
export function workflowDependencies(config: WorkflowConfig): Dependency[] {
  const variables = config.database.kind === 'mysql' ? 'MYSQL_HOST, MYSQL_USER, MYSQL_PASSWORD, MYSQL_DB (or DATABASE_URL)' : 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD';
  return [databaseDependency(config.database, variables), ...(config.redis === null ? [] : [redisDependency(config.redis, 'REDIS_ADDR, REDIS_PASSWORD')])];
}
