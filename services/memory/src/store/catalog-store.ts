import { sql, type Kysely } from 'kysely';

/** What the PostgreSQL catalog says about one column of a table. */
export interface CatalogColumn {
  table: string;
  name: string;
  position: number;
  /** format_type(): `bigint`, `character varying(20)`, `timestamp with time zone` ... */
  sqlType: string;
  /** The base type's name: int8, varchar, timestamptz ... */
  typeName: string;
  notNull: boolean;
  defaultValue: string | null;
  description: string | null;
  primaryKey: boolean;
  /** Filled by the database: identity, serial (a sequence default) or a generated expression. */
  automatic: boolean;
  generated: boolean;
}

export interface CatalogTable {
  name: string;
  description: string | null;
  /** Row level security with the platform's per-user policy. */
  userScoped: boolean;
}

// Any Kysely (the service's, or a transaction of it): these read the catalog only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export const catalogStore = {
  async tables(db: Db, schema: string): Promise<CatalogTable[]> {
    const result = await sql<{ name: string; description: string | null; user_scoped: boolean }>`
      select c.relname as name, obj_description(c.oid, 'pg_class') as description,
        (c.relrowsecurity and exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'astron_uid')) as user_scoped
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p')
      order by c.relname`.execute(db);
    return result.rows.map((row) => ({ name: row.name, description: row.description, userScoped: row.user_scoped }));
  },

  async tableNames(db: Db, schema: string): Promise<Set<string>> {
    return new Set((await catalogStore.tables(db, schema)).map((table) => table.name));
  },

  async columns(db: Db, schema: string, table?: string): Promise<CatalogColumn[]> {
    const result = await sql<{
      table: string; name: string; position: number; sql_type: string; type_name: string; not_null: boolean;
      default_value: string | null; description: string | null; primary_key: boolean; identity: boolean; generated: boolean;
    }>`
      select c.relname as table, a.attname as name, a.attnum::int as position, format_type(a.atttypid, a.atttypmod) as sql_type,
        t.typname as type_name, a.attnotnull as not_null, pg_get_expr(d.adbin, d.adrelid) as default_value,
        col_description(c.oid, a.attnum) as description, a.attidentity <> '' as identity, a.attgenerated <> '' as generated,
        exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary and a.attnum = any(i.indkey::int2[])) as primary_key
      from pg_attribute a
        join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_type t on t.oid = a.atttypid
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
        and (${table ?? null}::text is null or c.relname = ${table ?? null}::text)
      order by c.relname, a.attnum`.execute(db);
    return result.rows.map((row) => ({
      table: row.table,
      name: row.name,
      position: row.position,
      sqlType: row.sql_type,
      typeName: row.type_name,
      notNull: row.not_null,
      defaultValue: row.default_value,
      description: row.description,
      primaryKey: row.primary_key,
      automatic: row.identity || (row.default_value?.startsWith('nextval(') ?? false),
      generated: row.generated,
    }));
  },

  /** The sequences serial columns of `table` own (identity columns have theirs made by LIKE ... INCLUDING IDENTITY). */
  async serialSequences(db: Db, schema: string, table: string): Promise<Array<{ column: string; sequence: string }>> {
    const result = await sql<{ column: string; sequence: string }>`
      select a.attname as column, s.relname as sequence
      from pg_depend dep
        join pg_class s on s.oid = dep.objid and s.relkind = 'S'
        join pg_class c on c.oid = dep.refobjid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = dep.refobjsubid
      where n.nspname = ${schema} and c.relname = ${table} and dep.deptype = 'a' and dep.classid = 'pg_class'::regclass
      order by a.attnum`.execute(db);
    return result.rows;
  },

  /**
   * Foreign keys of `table`, as pg_get_constraintdef prints them. Read with the schema on the search path, so the
   * tables they reference come unqualified and resolve in whichever schema they are added to.
   */
  async foreignKeys(db: Db, schema: string, table: string): Promise<Array<{ name: string; definition: string }>> {
    const result = await sql<{ name: string; definition: string }>`
      select con.conname as name, pg_get_constraintdef(con.oid) as definition
      from pg_constraint con
        join pg_class c on c.oid = con.conrelid
        join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relname = ${table} and con.contype = 'f'
      order by con.conname`.execute(db);
    return result.rows;
  },
};
