import type { z } from 'zod';
import type { DatabaseConfig, PoolConfig } from '../db/types.js';
import { envEnum, envInt, envPort, envString } from './fields.js';

/** The original's DATABASE_* family (core-tenant): a Go DSN "(host:port)/db" or a URL in DATABASE_URL. */
export const databaseEnvShape = {
  DATABASE_DB_TYPE: envEnum(['mysql', 'postgres', 'postgresql'] as const),
  DATABASE_URL: envString(),
  DATABASE_USERNAME: envString(),
  DATABASE_PASSWORD: envString(),
  DATABASE_MAX_OPEN_CONNS: envInt(10, 1, 1000),
  DATABASE_MAX_IDLE_CONNS: envInt(5, 0, 1000),
};

/** The MYSQL_* family (core-link, core-agent, core-workflow). */
export const mysqlEnvShape = {
  MYSQL_HOST: envString(),
  MYSQL_PORT: envPort(3306),
  MYSQL_USER: envString(),
  MYSQL_PASSWORD: envString(),
  MYSQL_DB: envString(),
};

/** The PGSQL_* family (core-memory). */
export const pgsqlEnvShape = {
  PGSQL_HOST: envString(),
  PGSQL_PORT: envPort(5432),
  PGSQL_USER: envString(),
  PGSQL_PASSWORD: envString(),
  PGSQL_DATABASE: envString(),
};

export type DatabaseEnv = z.output<z.ZodObject<typeof databaseEnvShape>>;

interface Endpoint {
  kind: 'mysql' | 'postgres';
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  schema?: string;
}

/**
 * Parses DATABASE_URL. Accepted: "(host:port)/db", "tcp(host:port)/db?params" (the original's Go form,
 * with credentials in DATABASE_USERNAME / DATABASE_PASSWORD), or "mysql://" / "postgres://" URLs.
 * Returns a message instead of throwing so the caller can report it against the variable.
 */
export function parseDatabaseUrl(value: string, declaredType: DatabaseEnv['DATABASE_DB_TYPE']): Endpoint | string {
  const goForm = /^(?:[a-z]+)?\(([^):]+)(?::(\d+))?\)\/([^?]+)(?:\?.*)?$/i.exec(value.trim());
  if (goForm !== null) {
    const kind = declaredType === undefined || declaredType === 'mysql' ? 'mysql' : 'postgres';
    const [, host = '', port, database = ''] = goForm;
    return { kind, host, port: Number(port ?? (kind === 'mysql' ? 3306 : 5432)), user: '', password: '', database };
  }
  if (!URL.canParse(value)) return 'expected "(host:port)/database" or a mysql:// or postgres:// URL';
  const url = new URL(value);
  const scheme = url.protocol.replace(/:$/, '');
  const kind = scheme === 'mysql' ? 'mysql' : scheme === 'postgres' || scheme === 'postgresql' ? 'postgres' : null;
  if (kind === null) return `expected a mysql:// or postgres:// URL, got scheme "${scheme}"`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database === '') return 'expected the database name in the URL path';
  return {
    kind,
    host: url.hostname,
    port: Number(url.port || (kind === 'mysql' ? 3306 : 5432)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    schema: url.searchParams.get('schema') ?? undefined,
  };
}

export function poolFrom(env: DatabaseEnv): PoolConfig {
  return { maxOpen: env.DATABASE_MAX_OPEN_CONNS, maxIdle: Math.min(env.DATABASE_MAX_IDLE_CONNS, env.DATABASE_MAX_OPEN_CONNS) };
}

/**
 * The service's database from the DATABASE_* family, or an embedded PGlite under the data directory
 * when nothing is configured. On MySQL the service owns the database named in the URL; on Postgres
 * it owns the schema `namespace` (or ?schema=) inside the named database.
 */
export function databaseFromEnv(
  env: DatabaseEnv,
  options: { namespace: string; dataDir: string },
): DatabaseConfig | string {
  const pool = poolFrom(env);
  if (env.DATABASE_URL === undefined) {
    return { kind: 'pglite', dataDir: `${options.dataDir}/pglite-${options.namespace}`, namespace: options.namespace, pool };
  }
  const endpoint = parseDatabaseUrl(env.DATABASE_URL, env.DATABASE_DB_TYPE);
  if (typeof endpoint === 'string') return endpoint;
  const user = env.DATABASE_USERNAME ?? endpoint.user;
  const password = env.DATABASE_PASSWORD ?? endpoint.password;
  if (user === '') return 'expected a user name in DATABASE_USERNAME or in the URL';
  if (endpoint.kind === 'mysql') {
    return { kind: 'mysql', host: endpoint.host, port: endpoint.port, user, password, namespace: endpoint.database, pool };
  }
  return {
    kind: 'postgres',
    host: endpoint.host,
    port: endpoint.port,
    user,
    password,
    database: endpoint.database,
    namespace: endpoint.schema ?? options.namespace,
    pool,
  };
}

export type MysqlEnv = z.output<z.ZodObject<typeof mysqlEnvShape>>;

/**
 * The database of a service of the original's Python family (core-agent, core-workflow, core-link): its
 * MYSQL_HOST / MYSQL_PORT / MYSQL_USER / MYSQL_PASSWORD / MYSQL_DB win; without them the DATABASE_* family
 * applies, and without either an embedded PGlite. The variable to blame for a problem is in `variable`.
 */
export function mysqlFamilyDatabase(
  env: DatabaseEnv & MysqlEnv,
  options: { namespace: string; dataDir: string },
): { variable: string; database: DatabaseConfig | string } {
  if (env.MYSQL_HOST === undefined) return { variable: 'DATABASE_URL', database: databaseFromEnv(env, options) };
  if (env.MYSQL_USER === undefined) return { variable: 'MYSQL_USER', database: 'expected MYSQL_USER with MYSQL_HOST' };
  return {
    variable: 'MYSQL_USER',
    database: {
      kind: 'mysql',
      host: env.MYSQL_HOST,
      port: env.MYSQL_PORT,
      user: env.MYSQL_USER,
      password: env.MYSQL_PASSWORD ?? '',
      namespace: env.MYSQL_DB ?? options.namespace,
      pool: poolFrom(env),
    },
  };
}
