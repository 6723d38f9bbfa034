import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbeddedGround, startTestMemory, type MemoryGround, type MemoryUnderTest } from '../test-harness.js';

let ground: MemoryGround;
let memory: MemoryUnderTest;

beforeAll(async () => {
  ground = await openEmbeddedGround();
  memory = await startTestMemory({ databaseUrl: ground.databaseUrl, dataDir: ground.dataDir });
});

afterAll(async () => {
  await memory?.service.stop();
  await ground?.close();
});

const sqlOn = (id: number, env: 'dev' | 'prod', sql: string, extra: Record<string, unknown> = {}) => memory.call('POST', `/memory/v1/databases/${id}/sql`, { body: { sql, env, ...extra } });

describe('databases of a space', () => {
  test('created with both copies, listed, read, renamed, and deleted with their schemas and roles', async () => {
    const created = await memory.call('POST', '/memory/v1/databases', { body: { name: 'orders', description: 'shop data', agentId: 'agent_1' } });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(created.body).toMatchObject({ name: 'orders', description: 'shop data', agentId: 'agent_1', schemas: { dev: `memdb_${id}_dev`, prod: `memdb_${id}_prod` }, createdBy: 'user:usr_1', publishedAt: null });

    expect((await memory.call('GET', '/memory/v1/databases')).body.items.map((item: any) => item.id)).toContain(id);
    expect((await memory.call('GET', '/memory/v1/databases?agentId=agent_2')).body.items).toEqual([]);
    expect((await memory.call('GET', `/memory/v1/databases/${id}`)).body.name).toBe('orders');
    expect((await memory.call('PATCH', `/memory/v1/databases/${id}`, { body: { name: 'sales', description: '' } })).body).toMatchObject({ name: 'sales', description: '' });

    expect(await schemasAndRoles(id)).toEqual({ schemas: 2, roles: 2 });
    expect((await memory.call('DELETE', `/memory/v1/databases/${id}`)).status).toBe(204);
    expect(await schemasAndRoles(id)).toEqual({ schemas: 0, roles: 0 });
    expect((await memory.call('GET', `/memory/v1/databases/${id}`)).body.code).toBe('database_not_found');
  });

  test('names are unique per space; another space sees nothing of this one', async () => {
    const first = await memory.call('POST', '/memory/v1/databases', { body: { name: 'shared' } });
    expect((await memory.call('POST', '/memory/v1/databases', { body: { name: 'shared' } })).body).toMatchObject({ code: 'database_exists' });
    expect((await memory.call('POST', '/memory/v1/databases', { body: { name: 'shared' }, space: 'space_b' })).status).toBe(201);
    const other = { space: 'space_b' };
    expect((await memory.call('GET', `/memory/v1/databases/${first.body.id}`, other)).status).toBe(404);
    expect((await memory.call('POST', `/memory/v1/databases/${first.body.id}/sql`, { ...other, body: { sql: 'select 1', env: 'dev' } })).status).toBe(404);
    expect((await memory.call('DELETE', `/memory/v1/databases/${first.body.id}`, other)).status).toBe(404);
    expect((await memory.call('GET', '/memory/v1/databases', other)).body.items.map((item: any) => item.name)).toEqual(['shared']);
  });

  test('every route needs a service token that names a space; bad input is a 400 naming the field', async () => {
    const anonymous = await fetch(`${memory.url}/memory/v1/databases`);
    expect(anonymous.status).toBe(401);
    expect((await memory.call('GET', '/memory/v1/databases', { space: null })).body).toMatchObject({ code: 'space_required' });
    const invalid = await memory.call('POST', '/memory/v1/databases', { body: { name: '' } });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain('name');
    expect((await memory.call('GET', '/memory/v1/databases/abc')).status).toBe(400);
    expect((await fetch(`${memory.url}/health`)).status).toBe(200);
    const openapi = await fetch(`${memory.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    const paths = Object.keys(((await openapi.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/memory/v1/databases/{databaseId}/sql', '/xingchen-db/v1/exec_dml', '/memory/v1/databases/{databaseId}/tables/{table}/rows/query']));
  });
});

async function schemasAndRoles(id: number): Promise<{ schemas: number; roles: number }> {
  const { sql } = await import('kysely');
  const db = memory.service.runtime.database.kysely;
  const schemas = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname like ${`memdb_${id}_%`}`.execute(db);
  const roles = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname like ${`memdb_${id}_%`}`.execute(db);
  return { schemas: schemas.rows[0]!.n, roles: roles.rows[0]!.n };
}

describe('publishing and cloning', () => {
  test('publish copies the development tables to production and keeps production rows column by column', async () => {
    const id = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'publishing' } })).body.id as number;
    const ddl = await memory.call('POST', `/memory/v1/databases/${id}/ddl`, {
      body: { sql: "create table customers (id bigserial primary key, name text not null); create table orders (id bigserial primary key, customer_id bigint references customers(id), total numeric(10,2) default 0); comment on table orders is 'purchases'" },
    });
    expect(ddl.body).toEqual({ env: 'dev', statements: ['CREATE TABLE', 'CREATE TABLE', 'COMMENT'] });
    expect((await sqlOn(id, 'prod', 'select * from orders')).body.code).toBe('sql_unknown_table');

    const first = await memory.call('POST', `/memory/v1/databases/${id}/publish`, { body: {} });
    expect(first.body).toMatchObject({ tables: ['customers', 'orders'], rowsCopied: 0 });
    expect(first.body.database.publishedAt).not.toBeNull();
    expect((await sqlOn(id, 'prod', "insert into customers (name) values ('ada'), ('bob') returning id")).body.rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await sqlOn(id, 'prod', 'insert into orders (customer_id, total) values (2, 9.5)')).body.rowCount).toBe(1);
    expect((await sqlOn(id, 'dev', "insert into customers (name) values ('dev only')")).body.rowCount).toBe(1);

    // A new column in development; production keeps its own rows (the new column takes its default), its ids
    // continue, the foreign key still holds.
    await memory.call('POST', `/memory/v1/databases/${id}/ddl`, { body: { sql: "alter table customers add column city text default 'Hefei'" } });
    const second = await memory.call('POST', `/memory/v1/databases/${id}/publish`, { body: { includeData: false } });
    expect(second.body.rowsCopied).toBe(3);
    expect((await sqlOn(id, 'prod', 'select id, name, city from customers order by id')).body.rows).toEqual([
      { id: 1, name: 'ada', city: 'Hefei' },
      { id: 2, name: 'bob', city: 'Hefei' },
    ]);
    expect((await sqlOn(id, 'prod', "insert into customers (name) values ('cy') returning id, city")).body.rows).toEqual([{ id: 3, city: 'Hefei' }]);
    expect((await sqlOn(id, 'prod', 'insert into orders (customer_id) values (99)')).body.code).toBe('sql_foreign_key_violation');
    const described = await memory.call('GET', `/memory/v1/databases/${id}/describe?env=prod`);
    expect(described.body.tables.find((table: any) => table.name === 'orders').description).toBe('purchases');

    // With the data: production becomes a copy of development, rows included.
    const third = await memory.call('POST', `/memory/v1/databases/${id}/publish`, { body: { includeData: true } });
    expect(third.body.rowsCopied).toBe(1);
    expect((await sqlOn(id, 'prod', 'select name from customers')).body.rows).toEqual([{ name: 'dev only' }]);
  });

  test('a clone has both copies with their rows, and is independent of the original', async () => {
    const id = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'source' } })).body.id as number;
    await memory.call('POST', `/memory/v1/databases/${id}/ddl`, { body: { sql: 'create table notes (id bigserial primary key, body text)' } });
    await memory.call('POST', `/memory/v1/databases/${id}/publish`, { body: {} });
    await sqlOn(id, 'dev', "insert into notes (body) values ('in dev')");
    await sqlOn(id, 'prod', "insert into notes (body) values ('in prod')");
    const clone = await memory.call('POST', `/memory/v1/databases/${id}/clone`, { body: { name: 'copy' } });
    expect(clone.status).toBe(201);
    const cloneId = clone.body.id as number;
    expect((await sqlOn(cloneId, 'dev', 'select body from notes')).body.rows).toEqual([{ body: 'in dev' }]);
    expect((await sqlOn(cloneId, 'prod', 'select body from notes')).body.rows).toEqual([{ body: 'in prod' }]);
    expect((await sqlOn(cloneId, 'dev', "insert into notes (body) values ('second') returning id")).body.rows).toEqual([{ id: 2 }]);
    expect((await sqlOn(id, 'dev', 'select count(*)::int as n from notes')).body.rows).toEqual([{ n: 1 }]);
    expect((await memory.call('POST', `/memory/v1/databases/${id}/clone`, { body: { name: 'copy' } })).body.code).toBe('database_exists');
  });
});
