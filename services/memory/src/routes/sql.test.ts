import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbeddedGround, startTestMemory, type MemoryGround, type MemoryUnderTest } from '../test-harness.js';

let ground: MemoryGround;
let memory: MemoryUnderTest;
let shop: number;
let vault: number;

const sqlOn = (id: number, sql: string, extra: Record<string, unknown> = {}) => memory.call('POST', `/memory/v1/databases/${id}/sql`, { body: { sql, env: 'dev', ...extra } });

beforeAll(async () => {
  ground = await openEmbeddedGround();
  memory = await startTestMemory({ databaseUrl: ground.databaseUrl, dataDir: ground.dataDir, env: { MEMORY_MAX_ROWS: '5' } });
  shop = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'shop' } })).body.id;
  vault = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'vault' } })).body.id;
  await memory.call('POST', `/memory/v1/databases/${shop}/ddl`, { body: { sql: 'create table orders (id bigserial primary key, item text not null unique, total numeric(10,2), placed date)' } });
  await memory.call('POST', `/memory/v1/databases/${vault}/ddl`, { body: { sql: 'create table secrets (id bigserial primary key, value text)' } });
  await sqlOn(vault, "insert into secrets (value) values ('the vault key')");
});

afterAll(async () => {
  await memory?.service.stop();
  await ground?.close();
});

describe('the SQL API', () => {
  test('one statement at a time, with parameters; changes answer their count or their RETURNING rows', async () => {
    const inserted = await sqlOn(shop, "insert into orders (item, total, placed) values ($1, $2, '2024-05-01'), ('pen', 2.5, null) returning id, item", { params: ['book', 12] });
    expect(inserted.body).toMatchObject({ command: 'INSERT', columns: ['id', 'item'], rows: [{ id: 1, item: 'book' }, { id: 2, item: 'pen' }], rowCount: 2, truncated: false });
    const selected = await sqlOn(shop, 'select item, total, placed from orders where total > $1 order by id -- the dear ones', { params: [5] });
    expect(selected.body).toMatchObject({ command: 'SELECT', rows: [{ item: 'book', total: '12.00' }], rowCount: 1 });
    expect(selected.body.rows[0].placed).toMatch(/^2024-05-01/);
    expect((await sqlOn(shop, "update orders set total = total + 1 where item = 'pen'")).body).toMatchObject({ command: 'UPDATE', rows: [], rowCount: 1 });
    expect((await sqlOn(shop, 'with cheap as (select 3 as price) insert into orders (item, total) select $1, price from cheap returning total', { params: ['cup'] })).body.rows).toEqual([{ total: '3.00' }]);
    expect((await sqlOn(shop, "delete from orders where item = 'cup'")).body.rowCount).toBe(1);
    expect((await sqlOn(shop, 'select count(*)::int as n from orders where id = $1', { params: [] })).body).toMatchObject({ code: 'sql_parameters_mismatch' });
  });

  test('no answer holds more than MEMORY_MAX_ROWS rows; it says when there were more; a change still changes every row', async () => {
    await sqlOn(shop, "insert into orders (item) select 'bulk ' || n from unnest(array[1,2,3,4,5,6,7]) as n");
    const all = await sqlOn(shop, "select item from orders where item like 'bulk%' order by item");
    expect(all.body).toMatchObject({ rowCount: 5, truncated: true });
    expect(all.body.rows[0]).toEqual({ item: 'bulk 1' });
    expect((await sqlOn(shop, "select item from orders where item like 'bulk%'", { maxRows: 2 })).body).toMatchObject({ rowCount: 2, truncated: true });
    expect((await sqlOn(shop, "select item from orders where item like 'bulk%' limit 3")).body).toMatchObject({ rowCount: 3, truncated: false });
    const updated = await sqlOn(shop, "update orders set total = 1 where item like 'bulk%' returning id");
    expect(updated.body).toMatchObject({ rowCount: 5, truncated: true });
    expect((await sqlOn(shop, "select count(*)::int as n from orders where item like 'bulk%' and total = 1")).body.rows).toEqual([{ n: 7 }]);
  });

  test("the database's own errors come back as 4xx naming the problem", async () => {
    expect((await sqlOn(shop, "insert into orders (item) values ('book')")).body).toMatchObject({ code: 'sql_unique_violation', details: { sqlState: '23505' } });
    expect((await sqlOn(shop, "insert into orders (item, total) values ('x', 'lots')")).body).toMatchObject({ code: 'sql_invalid_value' });
    const missing = await sqlOn(shop, 'select nope from orders');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'sql_invalid', message: expect.stringContaining('nope') });
    expect((await sqlOn(shop, 'insert into orders (total) values (1)')).body.code).toBe('sql_constraint_violation');
  });

  test('development and production are separate copies', async () => {
    expect((await sqlOn(shop, 'select * from orders', { env: 'prod' })).body.code).toBe('sql_unknown_table');
  });

  test('a read-only call may only SELECT', async () => {
    expect((await sqlOn(shop, 'delete from orders', { readOnly: true })).body.code).toBe('sql_read_only');
  });
});

describe('injection and escape attempts through the API', () => {
  const vaultSchema = () => `memdb_${vault}_dev`;
  const attempts = (): Array<[string, string]> => [
    [`select * from ${vaultSchema()}.secrets`, 'sql_schema_not_allowed'],
    ['select * from secrets', 'sql_unknown_table'],
    [`with x as (delete from ${vaultSchema()}.secrets returning *) select * from x`, 'sql_writable_cte'],
    [`select * from orders where item in (select value from ${vaultSchema()}.secrets)`, 'sql_schema_not_allowed'],
    ['select * from pg_catalog.pg_authid', 'sql_schema_not_allowed'],
    ['select usename, passwd from pg_shadow', 'sql_unknown_table'],
    ['select * from information_schema.tables', 'sql_schema_not_allowed'],
    ['select * from memory.databases', 'sql_schema_not_allowed'],
    ["select pg_read_file('/etc/passwd')", 'sql_function_not_allowed'],
    ["select * from pg_ls_dir('.')", 'sql_function_not_allowed'],
    ["select lo_import('/etc/passwd')", 'sql_function_not_allowed'],
    ["select set_config('role', 'postgres', true)", 'sql_function_not_allowed'],
    ['select 1; drop table orders', 'sql_multiple_statements'],
    ["copy orders to program 'id'", 'sql_statement_not_allowed'],
    ['do $$ begin execute \'drop table orders\'; end $$', 'sql_statement_not_allowed'],
    ['set role postgres', 'sql_statement_not_allowed'],
    ['commit', 'sql_statement_not_allowed'],
    ['select 1 -- \n; drop table orders', 'sql_multiple_statements'],
  ];

  test('each is refused with a 400 naming the rule, and nothing was touched', async () => {
    for (const [sql, code] of attempts()) {
      const answer = await sqlOn(shop, sql);
      expect({ sql, status: answer.status, code: answer.body.code }).toEqual({ sql, status: 400, code });
      expect(answer.body.message.length).toBeGreaterThan(10);
    }
    expect((await sqlOn(vault, 'select value from secrets')).body.rows).toEqual([{ value: 'the vault key' }]);
    expect((await sqlOn(shop, 'select count(*)::int as n from orders')).body.rows[0].n).toBeGreaterThan(0);
  });

  test("dollar quoting and comments cannot smuggle a second statement: they stay inside the one", async () => {
    expect((await sqlOn(shop, 'select $x$; drop table orders; $x$ as text')).body.rows).toEqual([{ text: '; drop table orders; ' }]);
    expect((await sqlOn(shop, "select 'it''s; drop table orders' as text /* ; delete from orders */")).body.rows).toEqual([{ text: "it's; drop table orders" }]);
    expect((await sqlOn(shop, 'select count(*)::int as n from orders')).body.rows[0].n).toBeGreaterThan(0);
  });
});
