import {
  databaseEnvShape,
  databaseFromEnv,
  envInt,
  envString,
  parseEnv,
  pgsqlEnvShape,
  poolFrom,
  reportTo,
  requireDistributedSecrets,
  secretEnv,
  serviceEnvShape,
  serviceSettings,
  type Env,
  type SecretEnv,
  type ServiceSettings,
} from '@astron/kit/config';
import type { DatabaseConfig } from '@astron/kit/db';
import { z } from 'zod';

export const MEMORY_PORT = 7990;

export interface MemoryLimits {
  /** Most rows one SQL call answers with; more are cut and reported as truncated (MEMORY_MAX_ROWS). */
  maxRows: number;
  /** Each statement of an agent or a person is cancelled after this long (MEMORY_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** Longest SQL text accepted (MEMORY_MAX_SQL_CHARS). */
  maxSqlChars: number;
  /** Largest CSV file imported, in bytes (MEMORY_MAX_IMPORT_MB). */
  maxImportBytes: number;
}

export interface MemoryConfig {
  service: ServiceSettings;
  /** Where the metadata (schema `memory`) and every agent database (one schema per copy) live: PostgreSQL only. */
  database: DatabaseConfig;
  /**
   * Names of the per-database schemas and roles start with it (MEMORY_SCHEMA_PREFIX). Roles are global to a
   * PostgreSQL server, so two platforms sharing one server need different prefixes.
   */
  schemaPrefix: string;
  limits: MemoryLimits;
  secrets: SecretEnv;
}

const shape = {
  ...serviceEnvShape(MEMORY_PORT),
  ...databaseEnvShape,
  ...pgsqlEnvShape,
  MEMORY_SCHEMA_PREFIX: envString(),
  MEMORY_MAX_ROWS: envInt(1_000, 1, 100_000),
  MEMORY_STATEMENT_TIMEOUT_MS: envInt(10_000, 100, 600_000),
  MEMORY_MAX_SQL_CHARS: envInt(100_000, 100, 10_000_000),
  MEMORY_MAX_IMPORT_MB: envInt(20, 1, 1_024),
};

type MemoryEnv = z.output<z.ZodObject<typeof shape>>;

const PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,19}$/;

/**
 * The original's PGSQL_HOST / PGSQL_PORT / PGSQL_USER / PGSQL_PASSWORD / PGSQL_DATABASE win; without them the
 * DATABASE_* family applies, and without either an embedded PGlite. The metadata lives in schema `memory`.
 */
function databaseOf(env: MemoryEnv, dataDir: string): { variable: string; database: DatabaseConfig | string } {
  if (env.PGSQL_HOST === undefined) return { variable: 'DATABASE_URL', database: databaseFromEnv(env, { namespace: 'memory', dataDir }) };
  if (env.PGSQL_USER === undefined) return { variable: 'PGSQL_USER', database: 'expected PGSQL_USER with PGSQL_HOST' };
  return {
    variable: 'PGSQL_HOST',
    database: {
      kind: 'postgres',
      host: env.PGSQL_HOST,
      port: env.PGSQL_PORT,
      user: env.PGSQL_USER,
      password: env.PGSQL_PASSWORD ?? '',
      database: env.PGSQL_DATABASE ?? 'postgres',
      namespace: 'memory',
      pool: poolFrom(env),
    },
  };
}

const schema: z.ZodType<MemoryConfig> = z
  .object(shape)
  .superRefine(requireDistributedSecrets)
  .transform((env, context) => {
    const service = serviceSettings('memory', env);
    const found = databaseOf(env, service.dataDir);
    let database = reportTo(context, found.variable, found.database);
    if (database?.kind === 'mysql') {
      context.addIssue({ code: 'custom', path: [found.variable], message: 'the memory service needs PostgreSQL (schemas, roles, row level security); MySQL cannot hold its databases' });
      database = undefined;
    }
    if (service.mode === 'distributed' && database?.kind === 'pglite') {
      context.addIssue({ code: 'custom', path: ['PGSQL_HOST'], message: 'distributed mode needs a PostgreSQL server: set PGSQL_HOST, PGSQL_USER, PGSQL_PASSWORD, PGSQL_DATABASE (or DATABASE_URL)' });
    }
    const schemaPrefix = env.MEMORY_SCHEMA_PREFIX ?? 'memdb_';
    if (!PREFIX_PATTERN.test(schemaPrefix)) {
      context.addIssue({ code: 'custom', path: ['MEMORY_SCHEMA_PREFIX'], message: 'expected lower-case letters, digits and _, starting with a letter, at most 20 characters' });
    }
    return {
      service,
      database: database!,
      schemaPrefix,
      limits: {
        maxRows: env.MEMORY_MAX_ROWS,
        statementTimeoutMs: env.MEMORY_STATEMENT_TIMEOUT_MS,
        maxSqlChars: env.MEMORY_MAX_SQL_CHARS,
        maxImportBytes: env.MEMORY_MAX_IMPORT_MB * 1024 * 1024,
      },
      secrets: secretEnv(env),
    };
  });

export function loadConfig(env: Env): MemoryConfig {
  return parseEnv('memory', schema, env);
}
