import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbeddedGround, startTestMemory, type MemoryGround, type MemoryUnderTest } from '../test-harness.js';
import { copyOf } from './copies.js';
import { runAsRole } from './executor.js';

let ground: MemoryGround;
let memory: MemoryUnderTest;
let shop: number;
let vault: number;

beforeAll(async () => {
  ground = await openEmbeddedGround();
  memory = await startTestMemory({ databaseUrl: ground.databaseUrl, dataDir: ground.dataDir });
  shop = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'shop' } })).body.id;
  vault = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'vault' } })).body.id;
  await memory.call('POST', `/memory/v1/databases/${shop}/ddl`, { body: { sql: 'create table orders (id bigserial primary key, item text)' } });
  await memory.call('POST', `/memory/v1/databases/${shop}/publish`, { body: {} });
  await memory.call('POST', `/memory/v1/databases/${vault}/ddl`, { body: { sql: 'create table secrets (id bigserial primary key, value text)' } });
  await memory.call('POST', `/memory/v1/databases/${vault}/sql`, { body: { sql: "insert into secrets (value) values ('the vault key')", env: 'dev' } });
});

afterAll(async () => {
  await memory?.service.stop();
  await ground?.close();
});

/** Raw SQL straight to the executor, as if the checker had let it through. */
async function raw(sql: string): Promise<{ code: string; rows?: unknown[] }> {
  const { runtime } = memory.service;
  const database = await runtime.databases.find('space_a', shop);
  try {
    const result = await runAsRole(runtime.database.kysely, copyOf(database, 'dev'), sql, [], { uid: null, timeoutMs: 5_000 });
    return { code: 'ran', rows: result.rows };
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
}

describe('the role alone keeps a statement in its own copy, even past the checker', () => {
  test('its own tables work', async () => {
    expect(await raw("insert into orders (item) values ('pen') returning item")).toEqual({ code: 'ran', rows: [{ item: 'pen' }] });
  });

  test.each([
    ['another database', () => `select * from memdb_${vault}_dev.secrets`],
    ['writing into another database', () => `insert into memdb_${vault}_dev.secrets (value) values ('x')`],
    ['its own production copy', () => `select * from memdb_${shop}_prod.orders`],
    ["the service's metadata", () => 'select * from memory.databases'],
    ['password hashes', () => 'select rolpassword from pg_catalog.pg_authid'],
    ['server files', () => "select pg_read_file('/etc/passwd')"],
    ['creating tables', () => 'create table stolen (a int)'],
    ['dropping its tables', () => 'drop table orders'],
    ['switching row level security off', () => 'alter table orders disable row level security'],
  ])('%s is refused by the database', async (_what, sql) => {
    expect(await raw(sql())).toEqual({ code: 'sql_permission_denied' });
  });
});
