// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import { fakeNetwork, meAs, renderApp, type FakeCall } from '../../test/render-app.js';
import { databaseOf, tableOf } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const database = databaseOf();
const items = tableOf('items');
const seed = (extra: [readonly unknown[], unknown][] = []): [readonly unknown[], unknown][] => [
  [keys.database(7), database],
  ...extra,
];
const posts = (calls: FakeCall[], path: string) =>
  calls.filter((call) => call.method !== 'GET' && call.path.startsWith(path));

describe('a database', () => {
  it('designs a table: adds a typed column with a default, toggles user scoping, platform columns stay read-only', async () => {
    let table = items;
    const network = fakeNetwork({
      'GET /api/databases/7/tables': () => ({ body: { items: [table] } }),
      'POST /api/databases/7/tables/items/columns': () => {
        table = tableOf('items', [
          ...items.columns.slice(1, 3),
          { ...items.columns[1]!, name: 'paid', type: 'boolean', sqlType: 'boolean', default: 'false' },
        ]);
        return { status: 201, body: table };
      },
      'PATCH /api/databases/7/tables/items': () => ({ body: { ...table, userScoped: true } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/databases/7', {
      me: meAs('editor'),
      data: seed([[keys.databaseTables(7, 'dev'), { items: [table] }]]),
    });
    const rows = await screen.findAllByTestId('table-column-row');
    expect(rows.map((row) => row.getAttribute('data-name'))).toEqual([
      'id',
      'item',
      'quantity',
      'created_at',
    ]);
    expect(within(rows[0]!).queryByTestId('table-column-edit')).toBeNull();
    expect(within(rows[1]!).getByTestId('table-column-edit')).toBeTruthy();

    fireEvent.click(screen.getByTestId('table-column-add'));
    fireEvent.change(screen.getByTestId('table-column-name'), { target: { value: 'paid' } });
    fireEvent.change(screen.getByTestId('table-column-type'), { target: { value: 'boolean' } });
    fireEvent.change(screen.getByTestId('table-column-default'), { target: { value: 'maybe' } });
    fireEvent.click(screen.getByTestId('table-column-submit'));
    expect(await screen.findByText('This default does not fit the type.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('table-column-default'), { target: { value: 'false' } });
    fireEvent.click(screen.getByTestId('table-column-required'));
    fireEvent.click(screen.getByTestId('table-column-submit'));
    await waitFor(() =>
      expect(screen.getAllByTestId('table-column-row').map((row) => row.getAttribute('data-name'))).toContain(
        'paid',
      ),
    );
    expect(posts(network.calls, '/api/databases/7/tables/items/columns')[0]?.body).toEqual({
      name: 'paid',
      type: 'boolean',
      required: true,
      unique: false,
      description: null,
      default: false,
    });

    fireEvent.click(screen.getByTestId('table-user-scoped'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(network.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ userScoped: true });
  });

  it('browses rows with a filter, sorting and paging, and adds a row', async () => {
    const rows = Array.from({ length: 50 }, (_, index) => ({
      id: index + 1,
      item: `item ${index + 1}`,
      quantity: index,
      created_at: '2026-01-01T00:00:00Z',
    }));
    const network = fakeNetwork({
      'GET /api/databases/7/tables': () => ({ body: { items: [items] } }),
      'POST /api/databases/7/tables/items/rows/query': (call) => ({
        body: { rows, total: 120, limit: 50, offset: (call.body as { offset: number }).offset },
      }),
      'POST /api/databases/7/tables/items/rows': () => ({ status: 201, body: { rows: [] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/databases/7?tab=data', { me: meAs('editor'), data: seed() });
    expect((await screen.findByTestId('data-total')).textContent).toBe('1–50 of 120');
    const queries = () =>
      network.calls.filter((call) => call.path.endsWith('/rows/query')).map((call) => call.body);

    fireEvent.click(screen.getByTestId('data-filter-add'));
    fireEvent.change(screen.getByTestId('data-filter-column'), { target: { value: 'quantity' } });
    fireEvent.change(screen.getByTestId('data-filter-op'), { target: { value: 'gte' } });
    fireEvent.change(screen.getByTestId('data-filter-value'), { target: { value: '10' } });
    fireEvent.click(
      screen.getAllByTestId('data-sort').find((button) => button.getAttribute('data-column') === 'quantity')!,
    );
    fireEvent.click(screen.getByTestId('data-next'));
    await waitFor(() =>
      expect(queries().at(-1)).toEqual({
        env: 'dev',
        filters: [{ column: 'quantity', op: 'gte', value: '10' }],
        sort: [{ column: 'quantity', direction: 'asc' }],
        limit: 50,
        offset: 50,
      }),
    );
    expect(await screen.findByText('51–100 of 120')).toBeTruthy();

    fireEvent.click(screen.getByTestId('data-row-add'));
    const field = (name: string) =>
      screen.getAllByTestId('data-row-field').find((element) => element.getAttribute('data-name') === name)!;
    expect(
      screen.getAllByTestId('data-row-field').map((element) => element.getAttribute('data-name')),
    ).toEqual(['item', 'quantity']);
    fireEvent.change(field('item'), { target: { value: 'pen' } });
    fireEvent.change(field('quantity'), { target: { value: 'many' } });
    fireEvent.click(screen.getByTestId('data-row-submit'));
    expect(await screen.findByText('This value does not fit the column.')).toBeTruthy();
    fireEvent.change(field('quantity'), { target: { value: '4' } });
    fireEvent.click(screen.getByTestId('data-row-submit'));
    await waitFor(() =>
      expect(
        posts(network.calls, '/api/databases/7/tables/items/rows').some((call) =>
          call.path.endsWith('/rows'),
        ),
      ).toBe(true),
    );
    expect(network.calls.find((call) => call.path.endsWith('/items/rows'))?.body).toEqual({
      env: 'dev',
      rows: [{ item: 'pen', quantity: 4 }],
    });
  });

  it('imports a CSV file as text and lists the lines it refused; exports the table', async () => {
    const network = fakeNetwork({
      'GET /api/databases/7/tables': () => ({ body: { items: [items] } }),
      'POST /api/databases/7/tables/items/rows/query': () => ({
        body: { rows: [], total: 0, limit: 50, offset: 0 },
      }),
      'POST /api/databases/7/tables/items/import': () => ({
        body: {
          inserted: 1,
          ids: [1],
          failed: [{ line: 3, column: 'quantity', message: 'expected an integer' }],
          ignoredColumns: ['id'],
        },
      }),
      'GET /api/databases/7/tables/items/export': () => ({ text: 'id,item\n1,pen\n' }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const created: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, {
        createObjectURL: (blob: Blob) => (created.push(blob), 'blob:csv'),
        revokeObjectURL: () => {},
      }),
    );
    renderApp('/databases/7?tab=data', { me: meAs('editor'), data: seed() });
    fireEvent.click(await screen.findByTestId('data-import'));
    const file = new File(['id,item,quantity\n1,pen,2\n2,cup,lots\n'], 'items.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByTestId('data-import-file'), { target: { files: [file] } });
    fireEvent.click(screen.getByTestId('data-import-submit'));
    expect((await screen.findByTestId('data-import-failure')).textContent).toBe(
      'Line 3quantity: expected an integer',
    );
    expect(screen.getByTestId('data-import-result').textContent).toContain('1 row imported.');
    const upload = network.calls.find((call) =>
      call.path.startsWith('/api/databases/7/tables/items/import'),
    )!;
    expect(upload.path).toBe('/api/databases/7/tables/items/import?env=dev');
    expect(upload.headers['content-type']).toBe('text/csv');
    expect(upload.body).toBe('id,item,quantity\n1,pen,2\n2,cup,lots\n');

    fireEvent.click(screen.getByText('Close', { selector: 'button:not([aria-label])' }));
    fireEvent.click(screen.getByTestId('data-export'));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(await created[0]!.text()).toBe('id,item\n1,pen\n');
  });

  it('runs SQL on the chosen copy, notes a truncated answer, and shows a refusal', async () => {
    const network = fakeNetwork({
      'POST /api/databases/7/sql': (call) =>
        (call.body as { sql: string }).sql.startsWith('drop')
          ? {
              status: 400,
              body: {
                code: 'sql_statement_not_allowed',
                message: 'only SELECT, INSERT, UPDATE and DELETE are allowed',
              },
            }
          : {
              body: {
                command: 'SELECT',
                columns: ['item', 'quantity'],
                rows: [
                  { item: 'pen', quantity: 2 },
                  { item: 'cup', quantity: null },
                ],
                rowCount: 2,
                truncated: true,
                elapsedMs: 3,
              },
            },
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/databases/7?tab=sql', { me: meAs('editor'), data: seed() });
    fireEvent.change(await screen.findByTestId('sql-env'), { target: { value: 'prod' } });
    fireEvent.change(screen.getByTestId('sql-text'), {
      target: { value: 'select item, quantity from items' },
    });
    fireEvent.click(screen.getByTestId('sql-run'));
    expect((await screen.findByTestId('sql-summary')).textContent).toBe('SELECT · 2 rows · 3 ms');
    expect(screen.getByTestId('sql-truncated')).toBeTruthy();
    expect(within(screen.getByTestId('sql-grid')).getAllByTestId('result-row')[1]!.textContent).toBe(
      'cupNULL',
    );
    expect(network.calls[0]?.body).toEqual({ sql: 'select item, quantity from items', env: 'prod' });

    fireEvent.change(screen.getByTestId('sql-text'), { target: { value: 'drop table items' } });
    fireEvent.click(screen.getByTestId('sql-run'));
    expect((await screen.findByTestId('form-error')).textContent).toContain(
      'only SELECT, INSERT, UPDATE and DELETE are allowed',
    );
    expect(screen.queryByTestId('sql-result')).toBeNull();
  });

  it('publishes development to production with its data when asked', async () => {
    const network = fakeNetwork({
      'POST /api/databases/7/publish': () => ({
        body: {
          database: { ...database, publishedAt: '2026-01-05T00:00:00Z' },
          tables: [{}, {}],
          rowsCopied: 12,
        },
      }),
      'GET /api/databases': () => ({ body: { items: [] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/databases/7?tab=publish', { me: meAs('editor'), data: seed() });
    expect(await screen.findByText('Never published.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('publish-include-data'));
    fireEvent.click(screen.getByTestId('database-publish'));
    expect((await screen.findByTestId('publish-result')).textContent).toBe(
      '2 tables published, 12 rows copied.',
    );
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({ includeData: true });
    expect(await screen.findByText(/Last published/)).toBeTruthy();
  });
});
