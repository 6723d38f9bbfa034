import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbeddedGround, startTestMemory, type MemoryGround, type MemoryUnderTest } from '../test-harness.js';

let ground: MemoryGround;
let memory: MemoryUnderTest;
let id: number;

const tables = () => `/memory/v1/databases/${id}/tables`;
const sqlOn = (sql: string, extra: Record<string, unknown> = {}) => memory.call('POST', `/memory/v1/databases/${id}/sql`, { body: { sql, env: 'dev', ...extra } });

beforeAll(async () => {
  ground = await openEmbeddedGround();
  memory = await startTestMemory({ databaseUrl: ground.databaseUrl, dataDir: ground.dataDir });
  id = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'designer' } })).body.id;
});

afterAll(async () => {
  await memory?.service.stop();
  await ground?.close();
});

describe('the table designer', () => {
  test('a table from columns: the platform adds id, created_at and updated_at; comments become descriptions', async () => {
    const created = await memory.call('POST', tables(), {
      body: {
        name: 'books',
        description: 'the library',
        columns: [
          { name: 'title', type: 'string', required: true, description: 'as printed' },
          { name: 'pages', type: 'integer', default: 100 },
          { name: 'price', type: 'number', unique: true },
          { name: 'lent', type: 'boolean', default: false },
          { name: 'published', type: 'date' },
          { name: 'meta', type: 'json', default: { tags: [] } },
          { name: 'note', type: 'string', default: "it's \\ fine" },
        ],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'books', description: 'the library', userScoped: false });
    expect(created.body.columns.map((column: any) => [column.name, column.type, column.required])).toEqual([
      ['id', 'integer', false],
      ['title', 'string', true],
      ['pages', 'integer', false],
      ['price', 'number', false],
      ['lent', 'boolean', false],
      ['published', 'date', false],
      ['meta', 'json', false],
      ['note', 'string', false],
      ['created_at', 'time', false],
      ['updated_at', 'time', false],
    ]);
    expect(created.body.columns[0]).toMatchObject({ primaryKey: true, automatic: true });
    expect(created.body.columns[1].description).toBe('as printed');
    const row = await sqlOn("insert into books (title) values ('Dune') returning *");
    expect(row.body.rows[0]).toMatchObject({ id: 1, title: 'Dune', pages: 100, lent: false, meta: { tags: [] }, note: "it's \\ fine" });
  });

  test('bad designs are 4xx naming the problem', async () => {
    expect((await memory.call('POST', tables(), { body: { name: 'x', columns: [{ name: 'id', type: 'string' }] } })).body.code).toBe('reserved_column');
    expect((await memory.call('POST', tables(), { body: { name: 'x', columns: [{ name: 'n', type: 'integer', default: 'many' }] } })).body).toMatchObject({ code: 'invalid_values', message: expect.stringContaining('n: default: expected an integer') });
    expect((await memory.call('POST', tables(), { body: { name: 'x', columns: [{ name: 'n', type: 'money' }] } })).status).toBe(400);
    expect((await memory.call('POST', tables(), { body: { name: 'pg_x', columns: [] } })).body.code).toBe('ddl_invalid_name');
    expect((await memory.call('POST', tables(), { body: { name: 'x', columns: [{ name: "author's note", type: 'string' }] } })).body).toMatchObject({ code: 'ddl_invalid_name', message: expect.stringContaining("author's note") });
    expect((await memory.call('POST', tables(), { body: { name: 'books', columns: [] } })).body.code).toBe('sql_object_exists');
    expect((await memory.call('GET', `${tables()}/nothing`)).body.code).toBe('table_not_found');
  });

  test('columns are added, changed, renamed and dropped; the table renamed and described', async () => {
    await memory.call('POST', `${tables()}/books/columns`, { body: { name: 'isbn', type: 'string', description: 'ten or thirteen digits' } });
    const changed = await memory.call('PATCH', `${tables()}/books/columns/pages`, { body: { name: 'page_count', type: 'number', default: null, required: false, description: 'roughly' } });
    expect(changed.body.columns.find((column: any) => column.name === 'page_count')).toMatchObject({ type: 'number', default: null, description: 'roughly' });
    const dropped = await memory.call('DELETE', `${tables()}/books/columns/isbn`);
    expect(dropped.body.columns.some((column: any) => column.name === 'isbn')).toBe(false);
    expect((await memory.call('DELETE', `${tables()}/books/columns/isbn`)).body.code).toBe('column_not_found');
    const renamed = await memory.call('PATCH', `${tables()}/books`, { body: { name: 'volumes', description: 'all of them' } });
    expect(renamed.body).toMatchObject({ name: 'volumes', description: 'all of them' });
    expect((await memory.call('GET', tables())).body.items.map((table: any) => table.name)).toEqual(['volumes']);
  });

  test('describe gives the tables and a prompt text for NL-to-SQL', async () => {
    const described = await memory.call('GET', `/memory/v1/databases/${id}/describe?env=dev`);
    expect(described.body).toMatchObject({ databaseId: id, name: 'designer', env: 'dev' });
    expect(described.body.prompt).toContain('CREATE TABLE volumes ( -- all of them');
    expect(described.body.prompt).toContain('title text NOT NULL, -- as printed');
    expect(described.body.prompt).toContain('id bigint PRIMARY KEY -- filled automatically');
    expect((await memory.call('GET', `/memory/v1/databases/${id}/describe?env=prod`)).body.prompt).toBe('-- this database has no tables');
  });

  test('tables are dropped', async () => {
    await memory.call('POST', tables(), { body: { name: 'scratch', columns: [] } });
    expect((await memory.call('DELETE', `${tables()}/scratch`)).status).toBe(204);
    expect((await memory.call('DELETE', `${tables()}/scratch`)).body.code).toBe('sql_unknown_table');
  });
});

describe('user-scoped tables', () => {
  test('each end user sees and changes only their rows; the uid is filled by the platform and cannot be forged', async () => {
    const created = await memory.call('POST', tables(), { body: { name: 'notes', userScoped: true, columns: [{ name: 'body', type: 'string' }] } });
    expect(created.body).toMatchObject({ userScoped: true });
    expect(created.body.columns.map((column: any) => column.name)).toContain('uid');
    await sqlOn("insert into notes (body) values ('ada one'), ('ada two')", { uid: 'ada' });
    await sqlOn("insert into notes (body) values ('bob one')", { uid: 'bob' });
    expect((await sqlOn('select body, uid from notes order by id', { uid: 'ada' })).body.rows).toEqual([{ body: 'ada one', uid: 'ada' }, { body: 'ada two', uid: 'ada' }]);
    expect((await sqlOn('select body from notes', { uid: 'bob' })).body.rows).toEqual([{ body: 'bob one' }]);
    expect((await sqlOn("update notes set body = 'mine now'", { uid: 'bob' })).body.rowCount).toBe(1);
    expect((await sqlOn("delete from notes where uid = 'ada'", { uid: 'bob' })).body.rowCount).toBe(0);
    expect((await sqlOn("insert into notes (body, uid) values ('forged', 'ada')", { uid: 'bob' })).body).toMatchObject({ code: 'row_scope_violation' });
    expect((await sqlOn("update notes set uid = 'ada'", { uid: 'bob' })).body.code).toBe('row_scope_violation');
    expect((await sqlOn('select count(*)::int as n from notes')).body.rows).toEqual([{ n: 0 }]);
    expect((await sqlOn("insert into notes (body) values ('nobody')")).body.code).toBe('uid_required');
    const browsed = await memory.call('POST', `${tables()}/notes/rows/query`, { body: { env: 'dev', sort: [{ column: 'id', direction: 'asc' }] } });
    expect(browsed.body.rows.map((row: any) => row.body)).toEqual(['ada one', 'ada two', 'mine now']);
  });

  test('scoping survives publishing, and can be switched off', async () => {
    await memory.call('POST', `/memory/v1/databases/${id}/publish`, { body: { includeData: true } });
    const prod = (sql: string, uid: string) => sqlOn(sql, { env: 'prod', uid });
    expect((await prod('select body from notes', 'bob')).body.rows).toEqual([{ body: 'mine now' }]);
    expect((await prod("insert into notes (body) values ('again') returning uid", 'bob')).body.rows).toEqual([{ uid: 'bob' }]);
    const unscoped = await memory.call('PATCH', `${tables()}/notes`, { body: { userScoped: false } });
    expect(unscoped.body.userScoped).toBe(false);
    expect((await sqlOn('select count(*)::int as n from notes', { uid: 'bob' })).body.rows).toEqual([{ n: 3 }]);
  });
});
