import { createCache } from '../cache/index.js';
import type { RedisSettings } from '../config/index.js';
import { migrate, openDatabase, type DatabaseConfig, type Migration } from '../db/index.js';
import type { Dependency } from './run.js';

function describeDatabase(database: DatabaseConfig, variables: string): string {
  if (database.kind === 'pglite') return `embedded PGlite in ${database.dataDir ?? 'memory'}`;
  const engine = database.kind === 'mysql' ? 'MySQL' : 'PostgreSQL';
  const owned = database.kind === 'mysql' ? `database ${database.namespace}` : `schema ${database.namespace}`;
  return `${engine} at ${database.host}:${database.port}, ${owned} (${variables})`;
}

/** The service's database, for `astron doctor`: reachable, credentials accepted, namespace usable. */
export function databaseDependency(database: DatabaseConfig, variables: string): Dependency {
  return {
    name: 'database',
    target: describeDatabase(database, variables),
    fix: `start the database server, or correct ${variables}`,
    async check() {
      const opened = await openDatabase(database);
      try {
        await opened.ping();
      } finally {
        await opened.close();
      }
    },
  };
}

export function redisDependency(redis: RedisSettings, variables: string): Dependency {
  return {
    name: 'redis',
    target: `Redis at ${redis.host}:${redis.port} (${variables})`,
    fix: `start Redis, or correct ${variables}`,
    async check() {
      const cache = createCache({ kind: 'redis', redis, prefix: 'astron:doctor:' });
      try {
        await cache.ping();
      } finally {
        await cache.close();
      }
    },
  };
}

/** Something the operator configured that answers HTTP: healthy when `url` answers 2xx. */
export function httpDependency(name: string, url: string, target: string, fix: string): Dependency {
  return {
    name,
    target,
    fix,
    async check() {
      const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
      if (!response.ok) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    },
  };
}

/** Another service of ours, checked on its /ready. */
export function serviceDependency(name: string, baseUrl: string, variable: string): Dependency {
  return httpDependency(name, `${baseUrl.replace(/\/+$/, '')}/ready`, `${name} at ${baseUrl} (${variable})`, `start ${name}, or correct ${variable}`);
}

/** A ServiceModule's `migrate`: opens the service's database, applies `migrations`, closes it. */
export function migrationRunner(migrations: Migration[]): (config: { database: DatabaseConfig }) => Promise<string[]> {
  return async (config) => {
    const database = await openDatabase(config.database);
    try {
      return (await migrate(database, migrations)).applied;
    } finally {
      await database.close();
    }
  };
}
