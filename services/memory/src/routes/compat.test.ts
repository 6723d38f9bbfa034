import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbeddedGround, startTestMemory, type MemoryGround, type MemoryUnderTest } from '../test-harness.js';

let ground: MemoryGround;
let memory: MemoryUnderTest;

const post = (path: string, body: unknown) => memory.call('POST', `/xingchen-db/v1/${path}`, { body });
const dml = (databaseId: number, sql: string, uid = 'u1', env = 'test') => post('exec_dml', { app_id: 'app1', database_id: databaseId, uid, dml: sql, env, space_id: '' });

beforeAll(async () => {
  ground = await openEmbeddedGround();
  memory = await startTestMemory({ databaseUrl: ground.databaseUrl, dataDir: ground.dataDir });
});

afterAll(async () => {
  await memory?.service.stop();
  await ground?.close();
});

// What the original console sends when a person designs a table (DatabaseService.buildDDL).
const CONSOLE_DDL = [
  'CREATE TABLE "orders" (',
  '  "id" BIGSERIAL PRIMARY KEY,',
  '  "uid" VARCHAR(64) NOT NULL,',
  '  "create_time" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,',
  '  "item" VARCHAR NOT NULL,',
  '  "qty" BIGINT DEFAULT 0',
  ');',
  "COMMENT ON TABLE \"orders\" IS 'what people ordered';",
  "COMMENT ON COLUMN \"orders\".\"id\" IS 'Primary key id';",
].join('\n');

describe("the original astron-agent's /xingchen-db/v1 API", () => {
  test('a database from create_database to drop_database, as the console and workflows use it', async () => {
    const created = await post('create_database', { uid: 'u1', database_name: 'shop', description: 'orders of the shop', space_id: '' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ code: 0, message: 'success', sid: expect.any(String), data: { database_id: expect.any(Number) } });
    const id = created.body.data.database_id as number;

    expect((await post('exec_ddl', { uid: 'u1', database_id: id, ddl: CONSOLE_DDL, space_id: '' })).body).toMatchObject({ code: 0 });
    // Both copies have the table, and it keeps each end user's rows apart (the original filtered by uid).
    const inserted = await dml(id, "INSERT INTO orders (item, qty) VALUES ('pen', 2), ('ink', 1);");
    expect(inserted.body).toMatchObject({ code: 0, data: { exec_success: [{ id: 1 }, { id: 2 }], exec_failure: [] } });
    expect(typeof inserted.body.data.exec_time).toBe('number');
    expect((await dml(id, 'SELECT item, qty FROM orders ORDER BY id', 'u1')).body.data.exec_success).toEqual([{ item: 'pen', qty: 2 }, { item: 'ink', qty: 1 }]);
    expect((await dml(id, 'SELECT item FROM orders', 'u2')).body.data.exec_success).toEqual([]);
    expect((await dml(id, 'SELECT item FROM orders', 'u1', 'prod')).body.data.exec_success).toEqual([]);
    expect((await dml(id, "UPDATE orders SET qty = 5 WHERE item = 'pen'")).body).toMatchObject({ code: 0, data: { exec_success: [] } });

    expect((await post('modify_db_description', { uid: 'u1', database_id: id, description: 'renamed' })).body.code).toBe(0);
    expect((await memory.call('GET', `/memory/v1/databases/${id}`)).body.description).toBe('renamed');

    const cloned = await post('clone_database', { uid: 'u1', database_id: id, new_database_name: 'shop_copy' });
    expect(cloned.body.code).toBe(0);
    expect((await dml(cloned.body.data.database_id, 'SELECT qty FROM orders ORDER BY id')).body.data.exec_success).toEqual([{ qty: 5 }, { qty: 1 }]);

    expect((await post('drop_database', { uid: 'u1', database_id: id })).body).toMatchObject({ code: 0 });
    expect((await dml(id, 'SELECT 1')).body.code).toBe(25013);
  });

  test("refusals carry the original's codes and our message", async () => {
    const id = (await post('create_database', { uid: 'u1', database_name: 'codes' })).body.data.database_id as number;
    await post('exec_ddl', { uid: 'u1', database_id: id, ddl: 'CREATE TABLE t (id BIGSERIAL PRIMARY KEY, v TEXT)' });
    const cases: Array<[Promise<{ body: any }>, number]> = [
      [dml(id, 'DROP TABLE t'), 25050],
      [dml(id, 'SELECT 1; DELETE FROM t'), 25050],
      [dml(id, "SELECT pg_read_file('/etc/passwd')"), 25050],
      [dml(id, 'SELECT * FROM pg_catalog.pg_authid'), 25020],
      [dml(id, 'SELECT * FROM elsewhere'), 25020],
      [dml(id, 'SELEC 1'), 25030],
      [dml(id, "INSERT INTO t (id, v) VALUES (1, 'a'), (1, 'b')"), 25010],
      [post('exec_ddl', { uid: 'u1', database_id: id, ddl: 'CREATE VIEW v AS SELECT 1' }), 25040],
      [post('exec_ddl', { uid: 'u1', database_id: id, ddl: 'CREATE TABLE t (id int)' }), 25041],
      [post('exec_dml', { app_id: 'a', database_id: String(id), uid: 'u1', dml: 'SELECT 1', env: 'test' }), 25000],
      [post('exec_dml', { app_id: 'a', database_id: id, uid: 'u1', dml: 'SELECT 1', env: 'staging' }), 25000],
      [post('create_database', { uid: 'u1', database_name: '1bad' }), 25000],
      [post('create_database', { uid: 'u1', database_name: 'codes' }), 25010],
      [dml(987654321, 'SELECT 1'), 25013],
    ];
    for (const [answer, code] of cases) {
      const { body } = await answer;
      expect({ code: body.code, status: typeof body.message }).toEqual({ code, status: 'string' });
      expect(body.message.length).toBeGreaterThan(5);
    }
  });

  test('upload_data takes a CSV form and reports bad lines; export_data answers CSV', async () => {
    const id = (await post('create_database', { uid: 'u1', database_name: 'files' })).body.data.database_id as number;
    await post('exec_ddl', { uid: 'u1', database_id: id, ddl: CONSOLE_DDL });
    const form = new FormData();
    for (const [key, value] of Object.entries({ app_id: 'app1', database_id: String(id), uid: 'u7', table_name: 'orders', env: 'test' })) form.append(key, value);
    form.append('file', new Blob(['item,qty\nbook,3\nlamp,many\n']), 'orders.csv');
    const uploaded = await memory.call('POST', '/xingchen-db/v1/upload_data', { body: form });
    expect(uploaded.body).toMatchObject({ code: 0, data: { success_rows: [1], failed_rows: [{ line: 3, error: 'qty: expected an integer, got "many"' }] } });
    expect((await dml(id, 'SELECT item FROM orders', 'u7')).body.data.exec_success).toEqual([{ item: 'book' }]);

    const spreadsheet = new FormData();
    for (const [key, value] of Object.entries({ app_id: 'app1', database_id: String(id), uid: 'u7', table_name: 'orders', env: 'test' })) spreadsheet.append(key, value);
    spreadsheet.append('file', new Blob(['x']), 'orders.xlsx');
    expect((await memory.call('POST', '/xingchen-db/v1/upload_data', { body: spreadsheet })).body.code).toBe(25100);

    const exported = await post('export_data', { app_id: 'app1', database_id: id, uid: 'u7', table_name: 'orders', env: 'test' });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.headers.get('content-disposition')).toContain('orders_export.csv');
    expect(exported.text.split('\r\n')[0]).toBe('id,uid,create_time,item,qty');
    expect(exported.text).toContain(',u7,');
    expect((await post('export_data', { app_id: 'app1', database_id: id, uid: 'u7', table_name: 'nothing', env: 'test' })).body.code).toBe(25021);
  });
});
