import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SESSION_COOKIE } from '../auth/sessions.js';
import { startTestHub, type Browser, type HubUnderTest } from '../test-harness.js';

let hub: HubUnderTest;
let owner: Browser;
let viewer: Browser;
let stranger: Browser;

/** The CSV import: the file as the body, as the console sends it. */
async function importCsv(browser: Browser, path: string, csv: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}${path}`, {
    method: 'POST',
    headers: { cookie: `${SESSION_COOKIE}=${browser.cookie ?? ''}`, 'x-csrf-token': browser.csrfToken ?? '', 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  hub = await startTestHub({}, {}, {}, {}, { plugins: true });
  owner = await hub.signUp('db-owner@example.com');
  const space = await owner.call('POST', '/api/spaces', { name: 'data team' });
  const invited = await owner.call('POST', '/api/invitations', { email: 'db-viewer@example.com', role: 'viewer' });
  viewer = await hub.signUp('db-viewer@example.com');
  expect((await viewer.call('POST', '/api/invitations/accept', { token: new URL(invited.body.acceptUrl as string).searchParams.get('token') })).status).toBe(200);
  expect((await viewer.call('POST', '/api/me/space', { spaceId: space.body.id })).status).toBe(200);
  stranger = await hub.signUp('db-stranger@example.com');
}, 180_000);

afterAll(async () => {
  await hub?.stop();
});

describe('databases through the hub', () => {
  test('a database, its tables, columns and rows; CSV in and out; SQL, DDL, publish, clone and delete', async () => {
    const created = await owner.call('POST', '/api/databases', { name: 'orders', description: 'shop orders' });
    expect(created.status, created.text).toBe(201);
    const base = `/api/databases/${created.body.id as number}`;
    expect((await viewer.call('GET', '/api/databases')).body.items.map((item: { name: string }) => item.name)).toEqual(['orders']);
    expect((await owner.call('PATCH', base, { description: 'all orders' })).body.description).toBe('all orders');

    const table = await owner.call('POST', `${base}/tables`, { name: 'items', columns: [{ name: 'title', type: 'string', required: true }, { name: 'price', type: 'number' }] });
    expect(table.status, table.text).toBe(201);
    expect((await owner.call('POST', `${base}/tables/items/columns`, { name: 'note', type: 'string' })).status).toBe(201);
    expect((await owner.call('PATCH', `${base}/tables/items/columns/note`, { description: 'free text' })).status).toBe(200);
    expect((await owner.call('DELETE', `${base}/tables/items/columns/note`)).status).toBeLessThan(300);
    expect((await owner.call('PATCH', `${base}/tables/items`, { description: 'what we sell' })).status).toBe(200);
    expect((await viewer.call('GET', `${base}/tables/items`)).body.name).toBe('items');
    expect((await viewer.call('GET', `${base}/tables`)).body.items).toHaveLength(1);

    const inserted = await owner.call('POST', `${base}/tables/items/rows`, { env: 'dev', rows: [{ title: 'tea', price: 3 }] });
    expect(inserted.status, inserted.text).toBe(201);
    const rowId = String(inserted.body.rows[0].id);
    expect((await owner.call('PATCH', `${base}/tables/items/rows/${rowId}`, { env: 'dev', values: { price: 4 } })).status).toBe(200);
    const imported = await importCsv(owner, `${base}/tables/items/import?env=dev`, 'title,price\ncoffee,5\n,7\n');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ inserted: 1, failed: [{ line: 3 }] });
    const query = await viewer.call('POST', `${base}/tables/items/rows/query`, { env: 'dev', sort: [{ column: 'title', direction: 'asc' }] });
    expect(query.body.rows.map((row: { title: string; price: number }) => [row.title, Number(row.price)])).toEqual([['coffee', 5], ['tea', 4]]);

    const exported = await viewer.call('GET', `${base}/tables/items/export?env=dev`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(exported.headers.get('content-disposition')).toContain('items.csv');
    expect(exported.text).toContain('coffee');

    const sql = await owner.call('POST', `${base}/sql`, { sql: 'select title from items where price > $1 order by title', params: [4.5], env: 'dev' });
    expect(sql.status, sql.text).toBe(200);
    expect(sql.body.rows).toEqual([{ title: 'coffee' }]);
    const refused = await owner.call('POST', `${base}/sql`, { sql: 'select * from pg_catalog.pg_authid', env: 'dev' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toMatch(/^sql_/);
    expect((await owner.call('POST', `${base}/ddl`, { sql: 'create table notes (id bigserial primary key, body text)' })).status).toBe(200);
    expect((await owner.call('DELETE', `${base}/tables/notes`)).status).toBeLessThan(300);

    const published = await owner.call('POST', `${base}/publish`, { includeData: true });
    expect(published.status, published.text).toBe(200);
    expect((await viewer.call('GET', `${base}/describe?env=prod`)).body.prompt).toContain('items');
    expect((await owner.call('POST', `${base}/tables/items/rows/delete`, { env: 'dev', ids: [rowId] })).body.deleted).toBe(1);

    const clone = await owner.call('POST', `${base}/clone`, { name: 'orders copy' });
    expect(clone.status, clone.text).toBe(201);
    const audit = (await owner.call('GET', '/api/audit?limit=100')).body.items.map((event: { action: string }) => event.action);
    expect(audit).toEqual(expect.arrayContaining(['database.created', 'database.table_created', 'database.published', 'database.cloned']));
    expect((await owner.call('DELETE', `/api/databases/${clone.body.id as number}`)).status).toBe(204);
    expect((await owner.call('DELETE', `${base}/tables/items`)).status).toBeLessThan(300);
    expect((await owner.call('DELETE', base)).status).toBe(204);
    expect((await owner.call('GET', base)).status).toBe(404);
  });

  test('a viewer reads but cannot change or run SQL; another space sees nothing', async () => {
    const created = await owner.call('POST', '/api/databases', { name: 'private' });
    const base = `/api/databases/${created.body.id as number}`;
    expect((await viewer.call('GET', base)).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/api/databases', { name: 'viewer db' }],
      ['PATCH', base, { description: 'x' }],
      ['POST', `${base}/sql`, { sql: 'select 1', env: 'dev' }],
      ['POST', `${base}/tables`, { name: 't', columns: [] }],
      ['DELETE', base, undefined],
    ] as const) {
      expect((await viewer.call(method, path, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await importCsv(viewer, `${base}/tables/items/import`, 'a\n1\n')).status).toBe(403);
    expect((await stranger.call('GET', base)).status).toBe(404);
    expect((await stranger.call('GET', '/api/databases')).body.items).toEqual([]);
    expect((await owner.call('POST', `${base}/sql`, { sql: 'select 1', env: 'nowhere' })).body.details[0].field).toContain('env');
  });
});
