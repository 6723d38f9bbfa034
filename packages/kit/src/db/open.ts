import { startEmbeddedPostgres } from './embedded.js';
import { openMysql } from './mysql.js';
import { openPostgres, type DatabaseLogger } from './postgres.js';
import { migrate } from './migrate.js';
import type { Database, DatabaseConfig, Migration } from './types.js';

export interface OpenDatabaseOptions {
  logger?: DatabaseLogger;
}

/**
 * Opens the service's database and makes sure its namespace exists. Throws an `unavailable`
 * AppError naming host:port when the server cannot be reached.
 */
export async function openDatabase<Schema = unknown>(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<Database<Schema>> {
  switch (config.kind) {
    case 'postgres':
      return (await openPostgres(config, options.logger)) as Database<Schema>;
    case 'mysql':
      return (await openMysql(config)) as Database<Schema>;
    case 'pglite':
      return (await openPglite(config, options.logger)) as Database<Schema>;
  }
}

/** A private embedded server, reached through the same pg Pool path as a real Postgres. */
async function openPglite(
  config: Extract<DatabaseConfig, { kind: 'pglite' }>,
  logger?: DatabaseLogger,
): Promise<Database> {
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    ...(logger === undefined ? {} : { logger }),
  });
  const { host, port, user, password, database } = server;
  try {
    return await openPostgres(
      {
        kind: 'postgres',
        host,
        port,
        user,
        password,
        database,
        namespace: config.namespace,
        pool: config.pool,
      },
      logger,
      () => server.close(),
    );
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** What `openMigratedDatabase` reports applied migrations to (a kit logger fits). */
export interface MigrationLogger extends DatabaseLogger {
  info(object: Record<string, unknown>, message: string): void;
}

/**
 * A service's database, opened and brought up to date: the migrations not yet applied run first (each logged), and
 * a failure closes the database again before it is thrown.
 */
export async function openMigratedDatabase<Schema = unknown>(config: DatabaseConfig, migrations: Migration[], options: { logger: MigrationLogger }): Promise<Database<Schema>> {
  const database = await openDatabase<Schema>(config, options);
  try {
    const { applied } = await migrate(database, migrations);
    if (applied.length > 0) options.logger.info({ applied }, 'migrations applied');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
