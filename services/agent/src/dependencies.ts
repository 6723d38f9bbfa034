import { databaseDependency, type Dependency } from '@astron/kit/service';
import type { AgentConfig } from './config.js';

/** What the agent needs to serve; `astron doctor` checks each and prints the fix of those that fail. */
export function agentDependencies(config: AgentConfig): Dependency[] {
  const variables = config.database.kind === 'mysql' ? 'MYSQL_HOST, MYSQL_USER, MYSQL_PASSWORD, MYSQL_DB (or DATABASE_URL)' : 'DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD';
  return [databaseDependency(config.database, variables)];
}
