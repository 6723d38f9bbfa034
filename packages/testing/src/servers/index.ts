import { randomBytes } from 'node:crypto';

/**
 * Addresses of the real servers the tests talk to. CI (.ci/run) makes sure they are up;
 * the TEST_* variables point the suites elsewhere.
 */
export const testServers = {
  postgres: {
    host: process.env.TEST_PGHOST ?? '127.0.0.1',
    port: Number(process.env.TEST_PGPORT ?? 5432),
    user: process.env.TEST_PGUSER ?? 'postgres',
    password: process.env.TEST_PGPASSWORD ?? '',
    database: process.env.TEST_PGDATABASE ?? 'test',
  },
  mysql: {
    host: process.env.TEST_MYSQL_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_MYSQL_PORT ?? 3306),
    user: process.env.TEST_MYSQL_USER ?? 'root',
    password: process.env.TEST_MYSQL_PASSWORD ?? '',
  },
  redis: {
    host: process.env.TEST_REDIS_HOST ?? '127.0.0.1',
    port: Number(process.env.TEST_REDIS_PORT ?? 6379),
  },
} as const;

/** A name no other test run uses: schemas, MySQL databases, Redis key prefixes, buckets. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

/**
 * The real databases a store test runs on (`describe.each`), each config in a namespace of its own: a PostgreSQL
 * schema or a MySQL database named after `prefix`. Shaped as @astron/kit/db's DatabaseConfig.
 */
export function serverDatabases(prefix: string) {
  const pool = { maxOpen: 4, maxIdle: 1 };
  const { postgres, mysql } = testServers;
  return [
    { name: 'PostgreSQL', config: () => ({ kind: 'postgres' as const, ...postgres, namespace: uniqueName(prefix), pool }) },
    { name: 'MariaDB', config: () => ({ kind: 'mysql' as const, host: mysql.host, port: mysql.port, user: mysql.user, password: mysql.password, namespace: uniqueName(prefix), pool }) },
  ];
}
