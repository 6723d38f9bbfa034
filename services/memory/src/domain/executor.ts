import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Copy } from './copies.js';
import { sqlFailure } from './sql-failures.js';

// The service's connection: the executor narrows it to the copy's role for one transaction.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export interface RunOptions {
  /** The end user that user-scoped tables are filtered by; null sees no scoped rows and may not write any. */
  uid: string | null;
  timeoutMs: number;
}

export interface RunResult {
  rows: Record<string, unknown>[];
  /** Rows inserted, updated or deleted, when the statement says. */
  affected: number | null;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The checker's parser reads strings as PostgreSQL does with standard_conforming_strings on (the default since
 * 9.1). A server configured otherwise would read backslashes in quotes differently, and could see a second
 * statement where the checker saw one: each transaction turns it on.
 */
const READ_AS_CHECKED = 'set local standard_conforming_strings = on';

/** For transactions that run SQL text of their own making (literals from the catalog, comments). */
export async function readStringsAsChecked(db: Db): Promise<void> {
  await sql.raw(READ_AS_CHECKED).execute(db);
}

/**
 * Runs one statement as the copy's role, in a transaction of its own: `SET LOCAL ROLE` (privileges on this copy's
 * schema only), `search_path` = the copy's schema then pg_catalog (so its tables shadow catalog names),
 * `statement_timeout`, and `astron.uid` for the row level security of user-scoped tables. Everything is local to the
 * transaction, so the pooled connection goes back exactly as it was. The text is not checked here: callers pass
 * what the checker accepted (tests call it directly to show that the role alone already keeps other schemas out).
 */
export async function runAsRole(db: Db, copy: Copy, text: string, params: readonly unknown[], options: RunOptions): Promise<RunResult> {
  try {
    return await db.transaction().execute(async (transaction) => {
      await sql`select set_config('astron.uid', ${options.uid ?? ''}, true)`.execute(transaction);
      await sql.raw(READ_AS_CHECKED).execute(transaction);
      await sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`).execute(transaction);
      await sql.raw(`set local search_path = ${quoted(copy.schema)}, pg_catalog`).execute(transaction);
      await sql.raw(`set local role ${quoted(copy.role)}`).execute(transaction);
      const result = await transaction.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, [...params]));
      return { rows: result.rows, affected: result.numAffectedRows === undefined ? null : Number(result.numAffectedRows) };
    });
  } catch (error) {
    throw sqlFailure(error, options.timeoutMs);
  }
}

/**
 * Runs checked definitions (DDL) on a copy as the service itself, which owns the tables (so the role stays bound
 * by row level security), then grants the role its rows. Runs inside the caller's transaction.
 */
export async function applyDefinitions(db: Db, copy: Copy, texts: readonly string[]): Promise<void> {
  await sql.raw(READ_AS_CHECKED).execute(db);
  await sql.raw(`set local search_path = ${quoted(copy.schema)}, pg_catalog`).execute(db);
  for (const text of texts) await sql.raw(text).execute(db);
}
