import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { isUniqueViolation, serverUnavailable, setupFailed } from './errors.js';
import { checkNamespace } from './namespace.js';
import { postgresTypes } from './postgres-types.js';
import type { Database, DatabaseConfig } from './types.js';

export type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;

export interface DatabaseLogger {
  warn(message: string): void;
}

/** Connections idle longer than this are closed, down to pool.maxIdle kept open. */
const idleTimeoutMillis = 10_000;
const connectTimeoutMillis = 10_000;

/**
 * Kysely over a pg Pool, in the service's own schema. The schema is created when missing.
 *
 * Every query built with Kysely names the schema ("ns"."table", Kysely's withSchema), and every
 * connection also sets search_path = ns, public for raw SQL and extensions. Naming the schema is
 * what keeps services apart on embedded PGlite, where all connections share one session and the
 * last `set search_path` wins.
 */
export async function openPostgres(
  config: PostgresConfig,
  logger?: DatabaseLogger,
  onClose?: () => Promise<void>,
): Promise<Database> {
  const namespace = checkNamespace(config.namespace);
  const address = `${config.host}:${config.port}`;
  const pool = new pg.Pool({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: config.database,
    ssl: config.ssl === true ? true : undefined,
    application_name: `astron-${namespace}`,
    max: config.pool.maxOpen,
    // pg-pool closes idle clients after idleTimeoutMillis but never below `min`: that is maxIdle.
    min: Math.min(config.pool.maxIdle, config.pool.maxOpen),
    idleTimeoutMillis,
    connectionTimeoutMillis: connectTimeoutMillis,
    types: postgresTypes,
  });
  // pg emits 'error' on a client whose server goes away; without a listener that crashes the process.
  // Idle clients report through the pool; a checked-out one reports through its next query.
  pool.on('error', (error) =>
    logger?.warn(`postgres at ${address}: idle connection failed: ${error.message}`),
  );
  pool.on('connect', (client) => client.on('error', ignoreClientError));
  const searchPath = CompiledQuery.raw(`set search_path to "${namespace}", public`);
  const kysely = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(searchPath);
      },
    }),
  }).withSchema(namespace);

  try {
    await createSchema(kysely, namespace);
  } catch (error) {
    await kysely.destroy();
    throw setupFailed('postgres', address, namespace, error);
  }
  return databaseOver(kysely, namespace, address, onClose);
}

function ignoreClientError(): void {}

async function createSchema(kysely: Kysely<unknown>, namespace: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(namespace)}`.execute(kysely);
  } catch (error) {
    // Two processes creating the same schema at once: one of them loses on pg_namespace's unique index.
    if (!isUniqueViolation(error)) throw error;
  }
}

function databaseOver(
  kysely: Kysely<unknown>,
  namespace: string,
  address: string,
  onClose?: () => Promise<void>,
): Database {
  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    namespace,
    kysely,
    async ping() {
      try {
        await sql`select 1`.execute(kysely);
      } catch (error) {
        throw serverUnavailable('postgres', address, error);
      }
    },
    close() {
      closing ??= kysely.destroy().then(() => onClose?.());
      return closing;
    },
  };
}
