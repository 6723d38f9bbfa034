import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbeddedGround, startTestMemory, type MemoryGround, type MemoryUnderTest } from '../test-harness.js';

let ground: MemoryGround;
let memory: MemoryUnderTest;
let id: number;

const rows = (table = 'people') => `/memory/v1/databases/${id}/tables/${table}/rows`;

beforeAll(async () => {
  ground = await openEmbeddedGround();
  memory = await startTestMemory({ databaseUrl: ground.databaseUrl, dataDir: ground.dataDir, env: { MEMORY_MAX_IMPORT_MB: '1' } });
  id = (await memory.call('POST', '/memory/v1/databases', { body: { name: 'browser' } })).body.id;
  await memory.call('POST', `/memory/v1/databases/${id}/tables`, {
    body: {
      name: 'people',
      columns: [
        { name: 'name', type: 'string', required: true },
        { name: 'age', type: 'integer' },
        { name: 'score', type: 'number' },
        { name: 'active', type: 'boolean', default: true },
        { name: 'born', type: 'date' },
        { name: 'seen', type: 'time' },
        { name: 'tags', type: 'json' },
        { name: 'email', type: 'string', unique: true },
      ],
    },
  });
});

afterAll(async () => {
  await memory?.service.stop();
  await ground?.close();
});

describe('the data browser', () => {
  test('rows are inserted, filtered, sorted, paged, changed and deleted', async () => {
    const inserted = await memory.call('POST', rows(), {
      body: { env: 'dev', rows: [{ name: 'Ada', age: 36, score: 9.5, tags: ['math'] }, { name: 'Bob', age: '41', active: false }, { name: 'Cy', age: 19, born: '2005-01-02' }] },
    });
    expect(inserted.status).toBe(201);
    expect(inserted.body.rows.map((row: any) => [row.id, row.name, row.active])).toEqual([[1, 'Ada', true], [2, 'Bob', false], [3, 'Cy', true]]);
    expect(inserted.body.rows[0].tags).toEqual(['math']);

    const query = (body: Record<string, unknown>) => memory.call('POST', `${rows()}/query`, { body: { env: 'dev', ...body } });
    expect((await query({ filters: [{ column: 'age', op: 'gte', value: 20 }], sort: [{ column: 'age', direction: 'desc' }] })).body).toMatchObject({ total: 2, rows: [{ name: 'Bob' }, { name: 'Ada' }] });
    expect((await query({ filters: [{ column: 'name', op: 'in', value: ['Ada', 'Cy'] }, { column: 'born', op: 'notnull' }] })).body.rows.map((row: any) => [row.name, row.born])).toEqual([['Cy', '2005-01-02']]);
    expect((await query({ filters: [{ column: 'name', op: 'ilike', value: '%b%' }] })).body.rows.map((row: any) => row.name)).toEqual(['Bob']);
    expect((await query({ filters: [{ column: 'tags', op: 'eq', value: ['math'] }] })).body.total).toBe(1);
    expect((await query({ limit: 2, offset: 2 })).body).toMatchObject({ total: 3, limit: 2, offset: 2, rows: [{ name: 'Cy' }] });
    expect((await query({ filters: [{ column: 'nope', op: 'eq', value: 1 }] })).body.code).toBe('unknown_columns');

    const changed = await memory.call('PATCH', `${rows()}/2`, { body: { env: 'dev', values: { age: 42, score: '7.25' } } });
    expect(changed.body).toMatchObject({ id: 2, age: 42, score: '7.25' });
    expect(new Date(changed.body.updated_at).getTime()).toBeGreaterThan(new Date(changed.body.created_at).getTime());
    expect((await memory.call('PATCH', `${rows()}/99`, { body: { env: 'dev', values: { age: 1 } } })).body.code).toBe('row_not_found');
    expect((await memory.call('POST', `${rows()}/delete`, { body: { env: 'dev', ids: [3, 99] } })).body).toEqual({ deleted: 1 });
  });

  test('bad values are refused naming the column before they reach the database', async () => {
    const refused = await memory.call('POST', rows(), { body: { env: 'dev', rows: [{ name: 'X', age: 'old', born: 'yesterday', id: 5 }] } });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('invalid_values');
    expect(refused.body.details.problems).toEqual([
      { column: 'age', message: 'expected an integer, got "old"' },
      { column: 'born', message: 'expected a date such as 2024-05-01, got "yesterday"' },
      { column: 'id', message: 'filled automatically by the database' },
    ]);
    expect((await memory.call('POST', rows(), { body: { env: 'dev', rows: [{ nickname: 'x' }] } })).body).toMatchObject({ code: 'unknown_columns', details: { columns: ['nickname'] } });
    expect((await memory.call('POST', rows(), { body: { env: 'dev', rows: [{ age: 3 }] } })).body.code).toBe('sql_constraint_violation');
    expect((await memory.call('POST', rows('ghosts'), { body: { env: 'dev', rows: [{ a: 1 }] } })).body.code).toBe('table_not_found');
  });
});

describe('CSV import and export', () => {
  test('valid rows are appended; bad rows are reported by line and skipped', async () => {
    const csv = [
      'name,age,active,born,tags,email,id',
      'Dee,30,yes,1994-03-04,"[""x""]",dee@example.com,77',
      'Eve,thirty,no,,,eve@example.com,',
      '"Fay, the second",25,,,,"fay@example.com",',
      'Gus,40',
      'Hal,50,true,,,dee@example.com,',
      '"Ivy',
      'on two lines",22,false,,,ivy@example.com,',
      '',
    ].join('\r\n');
    const imported = await memory.call('POST', `/memory/v1/databases/${id}/tables/people/import?env=dev`, { body: csv });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ inserted: 3, ignoredColumns: ['id'] });
    expect(imported.body.ids).toHaveLength(3);
    expect(imported.body.failed).toEqual([
      { line: 3, column: 'age', message: 'expected an integer, got "thirty"' },
      { line: 5, message: 'expected 7 fields, found 2' },
      { line: 6, message: expect.stringContaining('duplicate key') },
    ]);
    const names = await memory.call('POST', `${rows()}/query`, { body: { env: 'dev', filters: [{ column: 'id', op: 'in', value: imported.body.ids }] } });
    expect(names.body.rows.map((row: any) => row.name)).toEqual(['Dee', 'Fay, the second', 'Ivy\r\non two lines']);
    expect(names.body.rows[0]).toMatchObject({ active: true, tags: ['x'] });
  });

  test('files with unknown or missing columns are refused whole', async () => {
    const path = `/memory/v1/databases/${id}/tables/people/import?env=dev`;
    expect((await memory.call('POST', path, { body: 'name,shoe_size\nA,44\n' })).body).toMatchObject({ code: 'unknown_columns', details: { columns: ['shoe_size'] } });
    expect((await memory.call('POST', path, { body: 'age\n4\n' })).body).toMatchObject({ code: 'csv_missing_columns', details: { columns: ['name'] } });
    expect((await memory.call('POST', path, { body: '' })).body.code).toBe('csv_empty');
    expect((await memory.call('POST', path, { body: 'name\n"open\n' })).body.code).toBe('csv_invalid');
    expect((await memory.call('POST', path, { body: { name: 'A' } })).body.code).toBe('csv_expected');
    expect((await memory.call('POST', path, { body: `name\n${'x'.repeat(1024 * 1024 + 10)}\n` })).status).toBe(413);
  });

  test('export writes every row, quoted where needed, and imports again', async () => {
    const exported = await memory.call('GET', `/memory/v1/databases/${id}/tables/people/export?env=dev`);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.headers.get('content-disposition')).toContain('people.csv');
    const lines = exported.text.split('\r\n');
    expect(lines[0]).toBe('id,name,age,score,active,born,seen,tags,email,created_at,updated_at');
    expect(exported.text).toContain('"Fay, the second"');
    expect(exported.text).toContain('"[""x""]"');
    const copy = await memory.call('POST', '/memory/v1/databases', { body: { name: 'copy' } });
    await memory.call('POST', `/memory/v1/databases/${copy.body.id}/ddl`, { body: { sql: 'create table people (id bigserial primary key, name text, age bigint, score numeric, active boolean, born date, seen timestamptz, tags jsonb, email text, created_at timestamptz, updated_at timestamptz)' } });
    const again = await memory.call('POST', `/memory/v1/databases/${copy.body.id}/tables/people/import?env=dev`, { body: exported.text });
    expect(again.body).toMatchObject({ inserted: 5, failed: [] });
  });
});
