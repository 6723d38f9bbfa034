import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type Database } from '@astron/kit/db';
import { testServers, uniqueName } from '@astron/testing/servers';
import { copyOf } from './domain/copies.js';
import { runAsRole } from './domain/executor.js';
import { startTestMemory, type MemoryUnderTest } from './test-harness.js';

/**
 * The same service on a real PostgreSQL 15, logged in as an ordinary user with CREATEROLE (not a superuser), as
 * a careful deployment would run it. Every schema and role of this file starts with one unique prefix and is
 * dropped afterwards.
 */
const { host, port, user, password, database } = testServers.postgres;
const prefix = uniqueName('m');
const serviceUser = `${prefix}_svc`;
let admin: Database;
let memory: MemoryUnderTest;
let shop: number;
let vault: number;

const sqlOn = (id: number, text: string, extra: Record<string, unknown> = {}) => memory.call('POST', `/memory/v1/databases/${id}/sql`, { body: { sql: text, env: 'dev', ...extra } });

beforeAll(async () => {
  admin = await openDatabase({ kind: 'postgres', host, port, user, password, database, namespace: `${prefix}_admin`, pool: { maxOpen: 2, maxIdle: 0 } });
  await sql`create role ${sql.id(serviceUser)} login createrole password 'memory-test'`.execute(admin.kysely);
  await sql`grant create on database ${sql.id(database)} to ${sql.id(serviceUser)}`.execute(admin.kysely);
  // A server that reads backslashes in strings the old way: the service must still see what its checker saw.
  await sql`alter role ${sql.id(serviceUser)} set standard_conforming_strings = off`.execute(admin.kysely);
  memory = await startTestMemory({
    databaseUrl: `postgres://${serviceUser}:memory-test@${host}:${port}/${database}`,
    dataDir: '/tmp',
    metadataSchema: `${prefix}_meta`,
    schemaPrefix: `${prefix}_`,
    env: { MEMORY_STATEMENT_TIMEOUT_MS: '300' },
  });
  shop = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'shop' } })).body.id;
  vault = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'vault' } })).body.id;
  await memory.call('POST', `/memory/v1/databases/${vault}/ddl`, { body: { sql: 'create table secrets (id bigserial primary key, value text)' } });
  await sqlOn(vault, "insert into secrets (value) values ('the vault key')");
}, 60_000);

afterAll(async () => {
  await memory?.service.stop();
  if (admin === undefined) return;
  const schemas = await sql<{ name: string }>`select nspname as name from pg_namespace where nspname like ${`${prefix}%`}`.execute(admin.kysely);
  for (const { name } of schemas.rows) await sql`drop schema ${sql.id(name)} cascade`.execute(admin.kysely);
  await sql`drop owned by ${sql.id(serviceUser)} cascade`.execute(admin.kysely);
  const roles = await sql<{ name: string }>`select rolname as name from pg_roles where rolname like ${`${prefix}%`} order by rolname = ${serviceUser}`.execute(admin.kysely);
  for (const { name } of roles.rows) await sql`drop role ${sql.id(name)}`.execute(admin.kysely);
  await admin.close();
});

describe('on PostgreSQL 15, as a user that is not a superuser', () => {
  test('tables, checked SQL, publishing and the data browser work', async () => {
    const table = await memory.call('POST', `/memory/v1/databases/${shop}/tables`, { body: { name: 'notes', userScoped: true, columns: [{ name: 'body', type: 'string', required: true }, { name: 'day', type: 'date' }] } });
    expect(table.status).toBe(201);
    expect((await sqlOn(shop, "insert into notes (body, day) values ('hello', '2024-05-01') returning id", { uid: 'ada' })).body.rows).toEqual([{ id: 1 }]);
    expect((await sqlOn(shop, 'select body from notes', { uid: 'bob' })).body.rows).toEqual([]);
    const published = await memory.call('POST', `/memory/v1/databases/${shop}/publish`, { body: { includeData: true } });
    expect(published.body).toMatchObject({ tables: ['notes'], rowsCopied: 1 });
    expect((await sqlOn(shop, 'select body from notes', { env: 'prod', uid: 'ada' })).body.rows).toEqual([{ body: 'hello' }]);
    expect((await sqlOn(shop, "insert into notes (body) values ('next') returning id", { env: 'prod', uid: 'ada' })).body.rows).toEqual([{ id: 2 }]);
    const browsed = await memory.call('POST', `/memory/v1/databases/${shop}/tables/notes/rows/query`, { body: { env: 'prod' } });
    expect(browsed.body.rows.map((row: any) => [row.body, row.uid, row.day])).toEqual([['hello', 'ada', '2024-05-01'], ['next', 'ada', null]]);
  });

  test('concurrent statements for different end users each see their own rows', async () => {
    await Promise.all(['u1', 'u2', 'u3'].map((uid) => sqlOn(shop, `insert into notes (body) values ('${uid} wrote this')`, { uid })));
    const answers = await Promise.all(Array.from({ length: 24 }, (_, index) => `u${(index % 3) + 1}`).map(async (uid) => ({ uid, answer: await sqlOn(shop, 'select body from notes', { uid }) })));
    for (const { uid, answer } of answers) expect(answer.body.rows).toEqual([{ body: `${uid} wrote this` }]);
  });

  test('a statement running past MEMORY_STATEMENT_TIMEOUT_MS is cancelled', async () => {
    await memory.call('POST', `/memory/v1/databases/${shop}/ddl`, { body: { sql: 'create table n (v int)' } });
    await sqlOn(shop, `insert into n (v) select unnest(array[${Array.from({ length: 100 }, (_, index) => index).join(',')}])`);
    const slow = await sqlOn(shop, 'select count(*) from n a, n b, n c, n d, n e');
    expect(slow.body).toMatchObject({ code: 'sql_timeout', details: { sqlState: '57014' } });
    expect((await sqlOn(shop, 'select count(*)::int as c from n')).body.rows).toEqual([{ c: 100 }]);
  });

  test("a server reading backslashes the old way cannot be made to see a second statement the checker did not", async () => {
    const smuggled = await sqlOn(shop, "update n set v = v where v = -1 and 'x' = 'a\\' || '||' || '; delete from n; --'");
    expect(smuggled.body).toMatchObject({ command: 'UPDATE', rowCount: 0 });
    expect((await sqlOn(shop, 'select count(*)::int as c from n')).body.rows).toEqual([{ c: 100 }]);
    await memory.call('PATCH', `/memory/v1/databases/${shop}/tables/n`, { body: { description: 'back\\slash' } });
    expect((await memory.call('GET', `/memory/v1/databases/${shop}/tables/n`)).body.description).toBe('back\\slash');
  });

  test('the checker refuses the corpus here too', async () => {
    for (const [text, code] of [
      [`select * from ${prefix}_${vault}_dev.secrets`, 'sql_schema_not_allowed'],
      ['select * from pg_catalog.pg_shadow', 'sql_schema_not_allowed'],
      ["select pg_read_file('/etc/passwd')", 'sql_function_not_allowed'],
      ['select 1; drop table notes', 'sql_multiple_statements'],
      ["copy notes to program 'id'", 'sql_statement_not_allowed'],
    ]) {
      expect((await sqlOn(shop, text!)).body.code).toBe(code);
    }
  });

  test('past the checker, the role still cannot reach another database, the metadata or the server', async () => {
    const { runtime } = memory.service;
    const record = await runtime.databases.find('space_a', shop);
    const raw = async (text: string) =>
      runAsRole(runtime.database.kysely, copyOf(record, 'dev'), text, [], { uid: null, timeoutMs: 2_000 }).then(
        () => 'ran',
        (error: { code: string }) => error.code,
      );
    expect(await raw('select * from notes')).toBe('ran');
    expect(await raw(`select * from ${prefix}_${vault}_dev.secrets`)).toBe('sql_permission_denied');
    expect(await raw(`select * from ${prefix}_${shop}_prod.notes`)).toBe('sql_permission_denied');
    expect(await raw(`select * from ${prefix}_meta.databases`)).toBe('sql_permission_denied');
    expect(await raw('select rolpassword from pg_authid')).toBe('sql_permission_denied');
    expect(await raw("select pg_read_file('/etc/passwd')")).toBe('sql_permission_denied');
    expect(await raw('create table stolen (a int)')).toBe('sql_permission_denied');
    expect(await raw('alter table notes disable row level security')).toBe('sql_permission_denied');
  });

  test('deleting a database drops its schemas and roles', async () => {
    const id = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'short lived' } })).body.id as number;
    expect((await memory.call('DELETE', `/memory/v1/databases/${id}`)).status).toBe(204);
    const left = await sql<{ n: number }>`select (select count(*) from pg_namespace where nspname like ${`${prefix}_${id}%`}) + (select count(*) from pg_roles where rolname like ${`${prefix}_${id}%`}) as n`.execute(admin.kysely);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
