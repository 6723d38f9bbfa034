import type { Kysely } from 'kysely';
import type { Database } from '@astron/kit/db';
import { checkDefinitions, type CheckedDefinition } from '../sql/check-definitions.js';
import { catalogStore } from '../store/catalog-store.js';
import type { DatabaseRecord } from '../store/databases-store.js';
import type { MemorySchema } from '../store/tables.js';
import { copyOf, type Copy, type Environment } from './copies.js';
import { applyDefinitions } from './executor.js';
import { grantTables, scopeTable } from './provision.js';
import { sqlFailure } from './sql-failures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** Checks `text` against the copy's current tables and applies it; the role is granted the rows of new tables. */
export type ApplyDefinitions = (text: string) => Promise<CheckedDefinition[]>;

const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar']);

/** Table definitions (DDL) on a database's copies: checked, applied by the service (the owner), in one transaction. */
export function definitionsDomain(options: { database: Database<MemorySchema>; maxSqlChars: number; timeoutMs: number }) {
  const db = options.database.kysely;

  const applier = (transaction: Db, copy: Copy): ApplyDefinitions => async (text) => {
    const tables = await catalogStore.tableNames(transaction, copy.schema);
    const checked = checkDefinitions(text, { schema: copy.schema, tables, maxChars: options.maxSqlChars });
    await applyDefinitions(transaction, copy, checked.map((statement) => statement.text));
    await grantTables(transaction, copy.schema, copy.role);
    return checked;
  };

  async function inTransaction<T>(work: (transaction: Db) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      throw sqlFailure(error, options.timeoutMs);
    }
  }

  return {
    /** Runs `work` with a function that applies checked definitions to the copy, all in one transaction. */
    withCopy<T>(database: DatabaseRecord, env: Environment, work: (transaction: Db, copy: Copy, apply: ApplyDefinitions) => Promise<T>): Promise<T> {
      const copy = copyOf(database, env);
      return inTransaction((transaction) => work(transaction, copy, applier(transaction, copy)));
    },

    /** Definitions written by a person, on one copy (development, as a rule: publishing takes them to production). */
    run(database: DatabaseRecord, text: string, env: Environment = 'dev'): Promise<CheckedDefinition[]> {
      const copy = copyOf(database, env);
      return inTransaction((transaction) => applier(transaction, copy)(text));
    },

    /**
     * The original's exec_ddl: the same definitions on both copies. Tables it creates with a text `uid` column become
     * user scoped, which is how the original kept each end user's rows apart (it filtered every statement by uid).
     */
    runOnBoth(database: DatabaseRecord, text: string): Promise<CheckedDefinition[]> {
      return inTransaction(async (transaction) => {
        let checked: CheckedDefinition[] = [];
        for (const env of ['dev', 'prod'] as const) {
          const copy = copyOf(database, env);
          checked = await applier(transaction, copy)(text);
          const created = new Set(checked.flatMap((statement) => (statement.created === undefined ? [] : [statement.created])));
          const uidColumns = (await catalogStore.columns(transaction, copy.schema)).filter((column) => created.has(column.table) && column.name === 'uid' && TEXT_TYPES.has(column.typeName));
          for (const column of uidColumns) await scopeTable(transaction, copy.schema, column.table, true);
        }
        return checked;
      });
    },
  };
}

export type DefinitionsDomain = ReturnType<typeof definitionsDomain>;
