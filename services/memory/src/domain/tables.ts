import type { DatabaseRecord } from '../store/databases-store.js';
import type { Environment } from './copies.js';
import type { DefinitionsDomain } from './definitions.js';
import { describeTables, type TableView } from './describe.js';
import { columnNotFound, tableNotFound } from './errors.js';
import { scopeTable, unscopeTable } from './provision.js';
import { addColumnSql, alterColumnSql, createTableSql, ident, type ColumnPatch, type ColumnSpec, type TableSpec } from './table-ddl.js';
import { sqlLiteral, type ColumnKind } from './column-types.js';

export interface TablePatch {
  name?: string;
  description?: string | null;
  userScoped?: boolean;
}

/**
 * The table designer of the console: tables and columns described as data, turned into DDL that goes through the
 * same checker and executor as DDL people write, on the development copy (publishing takes it to production).
 */
export function tablesDomain(definitions: DefinitionsDomain) {
  async function current(database: DatabaseRecord, table: string, env: Environment = 'dev'): Promise<TableView> {
    return definitions.withCopy(database, env, async (transaction, copy) => {
      const [found] = await describeTables(transaction, copy.schema, table);
      if (found === undefined) throw tableNotFound(table, env);
      return found;
    });
  }

  return {
    list: (database: DatabaseRecord, env: Environment) => definitions.withCopy(database, env, (transaction, copy) => describeTables(transaction, copy.schema)),
    find: current,

    create(database: DatabaseRecord, spec: TableSpec): Promise<TableView> {
      return definitions.withCopy(database, 'dev', async (transaction, copy, apply) => {
        await apply(createTableSql(spec));
        if (spec.userScoped === true) await scopeTable(transaction, copy.schema, spec.name, false);
        const [created] = await describeTables(transaction, copy.schema, spec.name);
        return created!;
      });
    },

    async update(database: DatabaseRecord, table: string, patch: TablePatch): Promise<TableView> {
      const before = await current(database, table);
      return definitions.withCopy(database, 'dev', async (transaction, copy, apply) => {
        const name = patch.name ?? table;
        const statements: string[] = [];
        if (patch.name !== undefined && patch.name !== table) statements.push(`ALTER TABLE ${ident(table)} RENAME TO ${ident(patch.name)}`);
        if (patch.description !== undefined) statements.push(`COMMENT ON TABLE ${ident(name)} IS ${patch.description === null || patch.description === '' ? 'NULL' : sqlLiteral(patch.description, 'string')}`);
        if (statements.length > 0) await apply(statements.join(';\n'));
        if (patch.userScoped === true && !before.userScoped) await scopeTable(transaction, copy.schema, name, before.columns.some((column) => column.name === 'uid'));
        if (patch.userScoped === false && before.userScoped) await unscopeTable(transaction, copy.schema, name);
        const [updated] = await describeTables(transaction, copy.schema, name);
        return updated!;
      });
    },

    async remove(database: DatabaseRecord, table: string): Promise<void> {
      await definitions.withCopy(database, 'dev', (_transaction, _copy, apply) => apply(`DROP TABLE ${ident(table)}`));
    },

    async addColumn(database: DatabaseRecord, table: string, column: ColumnSpec): Promise<TableView> {
      const before = await current(database, table);
      return definitions.withCopy(database, 'dev', async (transaction, copy, apply) => {
        await apply(addColumnSql(table, column, before.userScoped));
        return (await describeTables(transaction, copy.schema, table))[0]!;
      });
    },

    async alterColumn(database: DatabaseRecord, table: string, column: string, patch: ColumnPatch): Promise<TableView> {
      const before = await current(database, table);
      const found = before.columns.find((candidate) => candidate.name === column);
      if (found === undefined) throw columnNotFound(table, column);
      const kind: ColumnKind = found.type === 'other' ? 'string' : found.type;
      return definitions.withCopy(database, 'dev', async (transaction, copy, apply) => {
        const statements = alterColumnSql(table, column, kind, patch);
        if (statements !== '') await apply(statements);
        return (await describeTables(transaction, copy.schema, table))[0]!;
      });
    },

    async dropColumn(database: DatabaseRecord, table: string, column: string): Promise<TableView> {
      const before = await current(database, table);
      if (!before.columns.some((candidate) => candidate.name === column)) throw columnNotFound(table, column);
      return definitions.withCopy(database, 'dev', async (transaction, copy, apply) => {
        await apply(`ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`);
        return (await describeTables(transaction, copy.schema, table))[0]!;
      });
    },
  };
}

export type TablesDomain = ReturnType<typeof tablesDomain>;
