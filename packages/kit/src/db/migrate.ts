import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError, unavailable } from '../errors/index.js';
import { describeCause } from './errors.js';
import { sqlType } from './dialect.js';
import type { Database, Migration } from './types.js';

interface MigrationTables {
  schema_migrations: { name: string; applied_at: Date };
}

type Connection = Kysely<MigrationTables>;

/** How long a process waits on MySQL for another one to finish migrating (the lock dies with its holder). */
const mysqlLockTimeoutSeconds = 300;

/**
 * Applies the migrations the namespace lacks, in name order, one transaction each, and records
 * them in `schema_migrations`. Refuses to run when the database has a migration this code does
 * not know (it was migrated by a newer version).
 *
 * Two processes may start at once: on Postgres each transaction first takes a transaction-scoped
 * advisory lock and re-reads what is applied, so a migration runs once. (A session lock would not
 * do: embedded PGlite shares one session among all connections, where it is re-entrant.)
 * On MySQL a named lock (GET_LOCK) is held on one connection for the whole run. MySQL commits
 * implicitly around every DDL statement, so a migration that fails halfway there is not rolled back:
 * write MySQL migrations so that they can run again.
 */
export async function migrate(db: Database, migrations: Migration[]): Promise<{ applied: string[] }> {
  const ordered = orderMigrations(migrations);
  const known = new Set(ordered.map((migration) => migration.name));
  const applied: string[] = [];
  const kysely = db.kysely as Kysely<MigrationTables>;
  await kysely.connection().execute(async (connection) => {
    await withRunLock(db, connection, async () => {
      await inLockedTransaction(db, connection, (transaction) => createMigrationsTable(db, transaction));
      for (;;) {
        const name = await inLockedTransaction(db, connection, (transaction) =>
          applyNext(db, transaction, ordered, known),
        );
        if (name === undefined) break;
        applied.push(name);
      }
    });
  });
  return { applied };
}

function orderMigrations(migrations: Migration[]): Migration[] {
  const ordered = [...migrations].sort((left, right) =>
    left.name < right.name ? -1 : left.name > right.name ? 1 : 0,
  );
  ordered.forEach((migration, index) => {
    if (migration.name === '' || migration.name === ordered[index - 1]?.name) {
      throw new AppError({
        code: 'migration_invalid',
        status: 500,
        message: `migration name "${migration.name}" is empty or repeated`,
      });
    }
  });
  return ordered;
}

async function applyNext(
  db: Database,
  transaction: Transaction<MigrationTables>,
  ordered: Migration[],
  known: Set<string>,
): Promise<string | undefined> {
  const rows = await transaction.selectFrom('schema_migrations').select('name').execute();
  const done = new Set(rows.map((row) => row.name));
  const unknown = [...done].filter((name) => !known.has(name)).sort();
  if (unknown.length > 0) {
    throw new AppError({
      code: 'migration_unknown',
      status: 500,
      message: `namespace "${db.namespace}" has migrations this code does not know (${unknown.join(', ')}): a newer version migrated it; run that version or newer`,
      details: { namespace: db.namespace, unknown },
    });
  }
  const next = ordered.find((migration) => !done.has(migration.name));
  if (next === undefined) return undefined;
  try {
    await next.up(transaction, db.dialect);
  } catch (error) {
    throw new AppError({
      code: 'migration_failed',
      status: 500,
      message: `migration ${next.name} failed in namespace "${db.namespace}": ${describeCause(error)}`,
      cause: error,
    });
  }
  await transaction
    .insertInto('schema_migrations')
    .values({ name: next.name, applied_at: new Date() })
    .execute();
  return next.name;
}

async function createMigrationsTable(db: Database, transaction: Transaction<MigrationTables>): Promise<void> {
  await transaction.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', sqlType(db.dialect, 'string'), (column) => column.primaryKey())
    .addColumn('applied_at', sqlType(db.dialect, 'timestamp'), (column) => column.notNull())
    .execute();
}

function lockName(db: Database): string {
  // MySQL lock names are at most 64 characters; namespaces may be 63.
  return `astron_migrate_${createHash('sha256').update(db.namespace).digest('hex').slice(0, 32)}`;
}

async function inLockedTransaction<T>(
  db: Database,
  connection: Connection,
  work: (transaction: Transaction<MigrationTables>) => Promise<T>,
): Promise<T> {
  return connection.transaction().execute(async (transaction) => {
    if (db.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtextextended(${lockName(db)}, 0))`.execute(transaction);
    }
    return work(transaction);
  });
}

async function withRunLock(db: Database, connection: Connection, work: () => Promise<void>): Promise<void> {
  if (db.dialect !== 'mysql') return work();
  const name = lockName(db);
  const result = await sql<{
    locked: number | null;
  }>`select get_lock(${name}, ${mysqlLockTimeoutSeconds}) as locked`.execute(connection);
  if (result.rows[0]?.locked !== 1) {
    throw unavailable(
      `waited ${mysqlLockTimeoutSeconds} s for another process to finish migrating namespace "${db.namespace}"`,
    );
  }
  try {
    await work();
  } finally {
    await sql`select release_lock(${name})`.execute(connection);
  }
}
