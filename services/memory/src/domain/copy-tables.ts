import { sql, type Kysely } from 'kysely';
import { catalogStore, type CatalogColumn } from '../store/catalog-store.js';
import { publishFailed } from './errors.js';
import { readStringsAsChecked } from './executor.js';
import { scopeTable } from './provision.js';

// Runs inside the caller's transaction, on the service's connection.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);
const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Serial columns' defaults would still draw from the source schema's sequences: each gets its own in `to`. */
async function ownSequences(db: Db, from: string, to: string, table: string): Promise<void> {
  for (const { column, sequence } of await catalogStore.serialSequences(db, from, table)) {
    await sql`create sequence ${sql.id(to, sequence)}`.execute(db);
    await sql`alter table ${sql.id(to, table)} alter column ${sql.id(column)} set default nextval(${sql.lit(`${quoted(to)}.${quoted(sequence)}`)}::regclass)`.execute(db);
    await sql`alter sequence ${sql.id(to, sequence)} owned by ${sql.id(to, table, column)}`.execute(db);
  }
}

/** Rows of the columns both tables have, cast to the target's types; sequences then continue after the copied ids. */
async function copyRows(db: Db, source: string, to: string, table: string, sourceColumns: CatalogColumn[], targetColumns: CatalogColumn[]): Promise<number> {
  const available = new Set(sourceColumns.filter((column) => column.table === table).map((column) => column.name));
  const columns = targetColumns.filter((column) => column.table === table && !column.generated && available.has(column.name));
  if (columns.length === 0) return 0;
  const names = sql.join(columns.map((column) => sql.id(column.name)));
  const values = sql.join(columns.map((column) => sql`cast(${sql.id(column.name)} as ${sql.raw(column.sqlType)})`));
  try {
    const result = await sql`insert into ${sql.id(to, table)} (${names}) overriding system value select ${values} from ${sql.id(source, table)}`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('22') || code.startsWith('23')) throw publishFailed(table, (error as Error).message);
    throw error;
  }
}

async function continueSequences(db: Db, to: string, table: string, targetColumns: CatalogColumn[]): Promise<void> {
  const automatic = targetColumns.filter((column) => column.table === table && column.automatic && INTEGER_TYPES.has(column.typeName));
  for (const column of automatic) {
    const qualified = `${quoted(to)}.${quoted(table)}`;
    await sql`select setval(pg_get_serial_sequence(${qualified}, ${column.name}), coalesce((select max(${sql.id(column.name)}) from ${sql.id(to, table)}), 0) + 1, false)`.execute(db);
  }
}

/** Foreign keys, printed with `from` on the search path (so unqualified) and added with `to` on it. */
async function copyForeignKeys(db: Db, from: string, to: string, tables: string[]): Promise<void> {
  for (const table of tables) {
    await sql.raw(`set local search_path = ${quoted(from)}, pg_catalog`).execute(db);
    const keys = await catalogStore.foreignKeys(db, from, table);
    if (keys.length === 0) continue;
    await sql.raw(`set local search_path = ${quoted(to)}, pg_catalog`).execute(db);
    for (const key of keys) await sql`alter table ${sql.id(to, table)} add constraint ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(db);
  }
}

/**
 * Recreates every table of schema `from` in the empty schema `to` (columns, defaults, constraints, indexes,
 * comments, user scoping, foreign keys) and fills them from `dataFrom` (which may be `from` itself, the schema
 * being replaced, or none). The caller grants the new tables to the copy's role.
 */
export async function copyTables(db: Db, from: string, to: string, dataFrom: string | null): Promise<{ tables: string[]; rows: number }> {
  await readStringsAsChecked(db);
  const tables = await catalogStore.tables(db, from);
  for (const table of tables) {
    await sql`create table ${sql.id(to, table.name)} (like ${sql.id(from, table.name)} including all)`.execute(db);
    await ownSequences(db, from, to, table.name);
    if (table.description !== null) await sql`comment on table ${sql.id(to, table.name)} is ${sql.lit(table.description)}`.execute(db);
    if (table.userScoped) await scopeTable(db, to, table.name, true);
  }
  const targetColumns = await catalogStore.columns(db, to);
  const sourceColumns = dataFrom === null ? [] : await catalogStore.columns(db, dataFrom);
  let rows = 0;
  for (const table of tables) {
    if (dataFrom !== null) rows += await copyRows(db, dataFrom, to, table.name, sourceColumns, targetColumns);
    await continueSequences(db, to, table.name, targetColumns);
  }
  await copyForeignKeys(db, from, to, tables.map((table) => table.name));
  return { tables: tables.map((table) => table.name), rows };
}
