import { sql, type Kysely } from 'kysely';

// Provisioning runs on the service's own connection, inside the caller's transaction.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** The policy that keeps each end user to their own rows; the same name everywhere, so the catalog tells scoped tables. */
export const USER_POLICY = 'astron_uid';
/** `astron.uid`: set by the platform for each statement (SET LOCAL), never by the statement itself. */
const CURRENT_UID = sql`nullif(current_setting('astron.uid', true), '')`;

/**
 * A copy's schema and its role. The role cannot log in; it may use this schema and nothing else, and statements run
 * as it (SET LOCAL ROLE), so a statement that got past the checker still cannot reach another database. The
 * service's user becomes a member, which SET ROLE needs when it is not a superuser (PostgreSQL 16 and later).
 */
export async function createCopySchema(db: Db, schema: string): Promise<void> {
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await sql`create role ${sql.id(schema)} nologin noinherit`.execute(db);
  await sql`grant ${sql.id(schema)} to current_user`.execute(db);
  await sql`grant usage on schema ${sql.id(schema)} to ${sql.id(schema)}`.execute(db);
}

export async function dropCopySchema(db: Db, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
  await sql`drop role if exists ${sql.id(schema)}`.execute(db);
}

/** Rows of every table of the copy, to its role: read and write, never TRUNCATE, REFERENCES or TRIGGER. */
export async function grantTables(db: Db, schema: string, role = schema): Promise<void> {
  await sql`grant select, insert, update, delete on all tables in schema ${sql.id(schema)} to ${sql.id(role)}`.execute(db);
  await sql`grant usage, select on all sequences in schema ${sql.id(schema)} to ${sql.id(role)}`.execute(db);
}

/**
 * Makes a table user scoped: a `uid` column filled from `astron.uid` and a row level security policy that shows and
 * accepts only the rows of that uid. The role is not the table's owner, so the policy binds it; the service (the
 * owner) still sees every row, which is what the data browser and exports need.
 */
export async function scopeTable(db: Db, schema: string, table: string, hasUid: boolean): Promise<void> {
  const target = sql.id(schema, table);
  // Rows from before get uid '' (no end user): the data browser shows them, no statement of an end user does.
  if (!hasUid) await sql`alter table ${target} add column uid text not null default ''`.execute(db);
  await sql`alter table ${target} alter column uid set default ${CURRENT_UID}`.execute(db);
  await sql`alter table ${target} enable row level security`.execute(db);
  await sql`drop policy if exists ${sql.id(USER_POLICY)} on ${target}`.execute(db);
  await sql`create policy ${sql.id(USER_POLICY)} on ${target} using (uid = ${CURRENT_UID}) with check (uid = ${CURRENT_UID})`.execute(db);
}

/** The table stops being user scoped; its `uid` column stays, as data. */
export async function unscopeTable(db: Db, schema: string, table: string): Promise<void> {
  const target = sql.id(schema, table);
  await sql`drop policy if exists ${sql.id(USER_POLICY)} on ${target}`.execute(db);
  await sql`alter table ${target} disable row level security`.execute(db);
  await sql`alter table ${target} alter column uid drop default`.execute(db);
}
