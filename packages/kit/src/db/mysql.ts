import { createPool, type TypeCast } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { CompiledQuery, Kysely, MysqlDialect, sql } from 'kysely';
import { serverUnavailable, setupFailed } from './errors.js';
import { checkNamespace } from './namespace.js';
import type { Database, DatabaseConfig } from './types.js';

export type MysqlConfig = Extract<DatabaseConfig, { kind: 'mysql' }>;

// mysql2 keeps at most maxIdle idle connections and also closes any idle longer than this (its
// default); unlike pg-pool it has no "keep N for good". It also spares us the server's wait_timeout.
const idleTimeoutMillis = 60_000;
const connectTimeoutMillis = 10_000;
// utf8mb4_unicode_ci exists on both MySQL 8 and MariaDB (MySQL's default utf8mb4_0900_ai_ci does not).
const collation = 'utf8mb4_unicode_ci';

/** boolean columns are tinyint(1) on MySQL: read them back as booleans, like Postgres does. */
const castBooleans: TypeCast = (field, next) => {
  if (field.type === 'TINY' && field.length === 1) {
    const text = field.string();
    return text === null ? null : text !== '0';
  }
  return next();
};

/**
 * Kysely over a mysql2 pool in the service's own database (`namespace`), created when missing.
 * Sessions run in UTC, and the driver reads and writes dates as UTC, so datetime(3) round-trips
 * exactly. bigint comes back as a number when exact, as a string beyond 2^53 (as on Postgres).
 */
export async function openMysql(config: MysqlConfig): Promise<Database> {
  const namespace = checkNamespace(config.namespace);
  const address = `${config.host}:${config.port}`;
  try {
    await createDatabase(config, namespace);
  } catch (error) {
    throw setupFailed('mysql', address, namespace, error);
  }

  const pool = createPool({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    database: namespace,
    charset: collation.toUpperCase(),
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    typeCast: castBooleans,
    connectionLimit: config.pool.maxOpen,
    maxIdle: Math.min(config.pool.maxIdle, config.pool.maxOpen),
    idleTimeout: idleTimeoutMillis,
    connectTimeout: connectTimeoutMillis,
  });
  const utc = CompiledQuery.raw(`set time_zone = '+00:00'`);
  const kysely = new Kysely<unknown>({
    dialect: new MysqlDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(utc);
      },
    }),
  });
  return databaseOver(kysely, namespace, address);
}

/** The pool names the database, so it must exist first: create it over a connection without one. */
async function createDatabase(config: MysqlConfig, namespace: string): Promise<void> {
  const connection = await createConnection({
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    connectTimeout: connectTimeoutMillis,
  });
  try {
    await connection.query(
      `create database if not exists \`${namespace}\` character set utf8mb4 collate ${collation}`,
    );
  } finally {
    await connection.end();
  }
}

function databaseOver(kysely: Kysely<unknown>, namespace: string, address: string): Database {
  let closing: Promise<void> | undefined;
  return {
    dialect: 'mysql',
    namespace,
    kysely,
    async ping() {
      try {
        await sql`select 1`.execute(kysely);
      } catch (error) {
        throw serverUnavailable('mysql', address, error);
      }
    },
    close() {
      closing ??= kysely.destroy();
      return closing;
    },
  };
}
