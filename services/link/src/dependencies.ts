import { databaseDependency, redisDependency, type Dependency } from '@astron/kit/service';
import type { LinkConfig } from './config.js';

/** What the link service needs to serve; `astron doctor` checks each and prints the fix of those that fail. */
export function linkDependencies(config: LinkConfig): Dependency[] {
  return [
    databaseDependency(config.database, 'MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD, MYSQL_DB (or DATABASE_URL)'),
    ...(config.redis === null ? [] : [redisDependency(config.redis, 'REDIS_ADDR, REDIS_PASSWORD')]),
  ];
}
