import { createCache } from '@astron/kit/cache';
import { openDatabase } from '@astron/kit/db';
import type { Dependency } from '@astron/kit/service';
import type { TenantConfig } from './config.js';

function databaseTarget(config: TenantConfig): string {
  const database = config.database;
  if (database.kind === 'pglite') return `embedded PGlite in ${database.dataDir ?? 'memory'}`;
  const engine = database.kind === 'mysql' ? 'MySQL' : 'PostgreSQL';
  return `${engine} at ${database.host}:${database.port}, ${database.kind === 'mysql' ? 'database' : 'schema'} ${database.namespace} (DATABASE_URL)`;
}

/** What the tenant needs to serve; `astron doctor` checks each and prints the fix of those that fail. */
export function tenantDependencies(config: TenantConfig): Dependency[] {
  const dependencies: Dependency[] = [
    {
      name: 'database',
      target: databaseTarget(config),
      fix: 'start the database server, or correct DATABASE_URL, DATABASE_USERNAME and DATABASE_PASSWORD',
      async check() {
        const database = await openDatabase(config.database);
        try {
          await database.ping();
        } finally {
          await database.close();
        }
      },
    },
  ];
  const redis = config.redis;
  if (redis !== null) {
    dependencies.push({
      name: 'redis',
      target: `Redis at ${redis.host}:${redis.port} (REDIS_ADDR)`,
      fix: 'start Redis, or correct REDIS_ADDR and REDIS_PASSWORD',
      async check() {
        const cache = createCache({ kind: 'redis', redis, prefix: 'astron:doctor:' });
        try {
          await cache.ping();
        } finally {
          await cache.close();
        }
      },
    });
  }
  return dependencies;
}
