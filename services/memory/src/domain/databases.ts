import { sql } from 'kysely';
import { isUniqueViolation, type Database } from '@astron/kit/db';
import { conflict } from '@astron/kit/errors';
import { databasesStore, type DatabaseRecord, type Db } from '../store/databases-store.js';
import type { MemorySchema } from '../store/tables.js';
import { copyOf, newDatabaseId, schemaNames, type Environment } from './copies.js';
import { copyTables } from './copy-tables.js';
import { databaseExists, databaseNotFound } from './errors.js';
import { createCopySchema, dropCopySchema, grantTables } from './provision.js';

export interface NewDatabase {
  name: string;
  description?: string;
  agentId?: string | null;
}

const isDuplicateObject = (error: unknown) => ['42710', '42P06'].includes((error as { code?: string }).code ?? '');

/** Databases of a space: their metadata and the two schemas (and roles) each one has. */
export function databasesDomain(options: { database: Database<MemorySchema>; schemaPrefix: string }) {
  const db = options.database.kysely;

  async function find(spaceId: string, id: number): Promise<DatabaseRecord> {
    const record = await databasesStore.find(db, spaceId, id);
    if (record === null) throw databaseNotFound(id);
    return record;
  }

  /** The row and both copies, in the caller's transaction: all of it exists, or none. */
  async function provision(transaction: Db, spaceId: string, createdBy: string, request: NewDatabase): Promise<DatabaseRecord> {
    if (await databasesStore.nameTaken(transaction, spaceId, request.name)) throw databaseExists(request.name);
    const id = newDatabaseId();
    const names = schemaNames(options.schemaPrefix, id);
    try {
      const record = await databasesStore.insert(transaction, {
        id,
        spaceId,
        name: request.name,
        description: request.description ?? '',
        agentId: request.agentId ?? null,
        devSchema: names.dev,
        prodSchema: names.prod,
        createdBy,
      });
      await createCopySchema(transaction, names.dev);
      await createCopySchema(transaction, names.prod);
      return record;
    } catch (error) {
      if (isUniqueViolation(error) && (error as { constraint?: string }).constraint === 'databases_space_name') throw databaseExists(request.name);
      // Another process picked the same id in the same millisecond, or a schema or role of that name was left behind.
      if (isUniqueViolation(error) || isDuplicateObject(error)) throw conflict(`database id ${id} is taken on this PostgreSQL server; try again`);
      throw error;
    }
  }

  return {
    find,
    list: (spaceId: string, agentId?: string) => databasesStore.list(db, spaceId, agentId),
    async copy(spaceId: string, id: number, env: Environment) {
      const database = await find(spaceId, id);
      return { database, copy: copyOf(database, env) };
    },

    create: (spaceId: string, createdBy: string, request: NewDatabase) => db.transaction().execute((transaction) => provision(transaction, spaceId, createdBy, request)),

    async update(spaceId: string, id: number, patch: { name?: string; description?: string }): Promise<DatabaseRecord> {
      if (patch.name !== undefined && (await databasesStore.nameTaken(db, spaceId, patch.name, id))) throw databaseExists(patch.name);
      try {
        const updated = await databasesStore.update(db, spaceId, id, patch);
        if (updated === null) throw databaseNotFound(id);
        return updated;
      } catch (error) {
        if (isUniqueViolation(error) && patch.name !== undefined) throw databaseExists(patch.name);
        throw error;
      }
    },

    /** The row, both schemas with every table and row in them, and both roles. */
    async remove(spaceId: string, id: number): Promise<void> {
      const record = await find(spaceId, id);
      await db.transaction().execute(async (transaction) => {
        if (!(await databasesStore.remove(transaction, spaceId, id))) throw databaseNotFound(id);
        await dropCopySchema(transaction, record.devSchema);
        await dropCopySchema(transaction, record.prodSchema);
      });
    },

    /** A new database of the same space with both copies' tables and rows. */
    async clone(spaceId: string, createdBy: string, id: number, request: NewDatabase): Promise<DatabaseRecord> {
      const source = await find(spaceId, id);
      return db.transaction().execute(async (transaction) => {
        const copy = await provision(transaction, spaceId, createdBy, { description: source.description, agentId: source.agentId, ...request });
        for (const env of ['dev', 'prod'] as const) {
          const from = copyOf(source, env);
          const to = copyOf(copy, env);
          await copyTables(transaction, from.schema, to.schema, from.schema);
          await grantTables(transaction, to.schema, to.role);
        }
        return copy;
      });
    },

    /**
     * Production becomes the development copy's tables. Rows come from development (`includeData`) or stay those of
     * production, column by column where a column of that name still exists. Built in a fresh schema that then
     * replaces production, in one transaction: statements on production wait, and see the old or the new tables.
     */
    async publish(spaceId: string, id: number, includeData: boolean): Promise<{ database: DatabaseRecord; tables: string[]; rowsCopied: number }> {
      const record = await find(spaceId, id);
      const dev = copyOf(record, 'dev');
      const prod = copyOf(record, 'prod');
      const next = `${prod.schema}_next`;
      return db.transaction().execute(async (transaction) => {
        await sql`drop schema if exists ${sql.id(next)} cascade`.execute(transaction);
        await sql`create schema ${sql.id(next)}`.execute(transaction);
        await sql`grant usage on schema ${sql.id(next)} to ${sql.id(prod.role)}`.execute(transaction);
        const copied = await copyTables(transaction, dev.schema, next, includeData ? dev.schema : prod.schema);
        await sql`drop schema ${sql.id(prod.schema)} cascade`.execute(transaction);
        await sql`alter schema ${sql.id(next)} rename to ${sql.id(prod.schema)}`.execute(transaction);
        await grantTables(transaction, prod.schema, prod.role);
        const database = await databasesStore.update(transaction, spaceId, id, { publishedAt: new Date() });
        return { database: database ?? record, tables: copied.tables, rowsCopied: copied.rows };
      });
    },
  };
}

export type DatabasesDomain = ReturnType<typeof databasesDomain>;
