// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../../../i18n/index.js';
import { fakeNetwork, type FakeCall } from '../../../test/render-app.js';
import { databaseOf, tableOf } from '../../databases/test-support.js';
import type { DraftNode } from '../editor/draft.js';
import { editorReducer } from '../editor/editor-state.js';
import { addNode, freshState } from '../editor/test-drafts.js';
import { renderNodePanel, shownDraft } from './test-panel.js';

beforeAll(() => {
  initI18n('en');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Two databases; the orders one has `orders` and `customers` in development and only `orders` in production. */
function space() {
  const network = fakeNetwork({
    'GET /api/databases': () => ({ body: { items: [databaseOf({ id: 7, name: 'shop' }), databaseOf({ id: 8, name: 'crm' })] } }),
    'GET /api/databases/7/tables': (call: FakeCall) => ({
      body: { items: call.path.endsWith('env=prod') ? [tableOf('orders')] : [tableOf('orders'), { ...tableOf('customers', []), userScoped: true }] },
    }),
  });
  vi.stubGlobal('fetch', network.fetch);
  return network;
}

let shownNode = '';
/** A database node as an imported workflow may hold it: `nodeParam` over the palette's defaults. */
function renderPanel(nodeParam: Record<string, unknown>) {
  const network = space();
  const { state, node } = addNode(freshState(), 'database');
  shownNode = node.id;
  const imported = editorReducer(state, {
    type: 'update-node',
    nodeId: node.id,
    update: (item: DraftNode) => ({ ...item, data: { ...item.data, nodeParam: { ...item.data.nodeParam, ...nodeParam } } }),
  });
  renderNodePanel(imported, node.id);
  return network;
}

const paramOf = () => shownDraft().nodes.find((node) => node.id === shownNode)!.data.nodeParam;
const select = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const optionsOf = (testId: string, optionId: string) => within(screen.getByTestId(testId)).queryAllByTestId(optionId).map((option) => option.getAttribute('value'));
const firstOption = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('option')[0]!;
/** The reference beside the fields: each table with its columns. */
const reference = () =>
  within(screen.getByTestId('database-picker-tables'))
    .queryAllByTestId('database-picker-table-ref')
    .map((table) => [table.getAttribute('data-name'), within(table).getAllByTestId('database-picker-column').map((column) => column.textContent)]);

describe('database picker', () => {
  it("lists an imported database id that names nothing of this space, and hides the fields it edits", async () => {
    renderPanel({ dbId: '42', mode: 0, sql: 'select 1' });
    await waitFor(() => expect(optionsOf('database-picker-db', 'database-picker-db-option')).toEqual(['7', '8']));
    expect(screen.getByTestId<HTMLSelectElement>('database-picker-db').value).toBe('42');
    expect(firstOption('database-picker-db').textContent).toBe('Database 42 (not a database of this space)');
    expect(screen.queryByTestId('database-picker-tables')).toBeNull();
    const generated = within(screen.getByTestId('param-form')).getAllByTestId('param-field').map((field) => field.getAttribute('data-path'));
    expect(generated).toEqual(expect.arrayContaining(['data.nodeParam.limit', 'data.nodeParam.env']));
    expect(generated.filter((path) => /\.(dbId|mode|tableName|sql)$/.test(path ?? ''))).toEqual([]);

    select('database-picker-db', '7');
    expect(paramOf().dbId).toBe(7);
  });

  it("shows the chosen database's tables and columns beside the SQL, which it writes", async () => {
    const network = renderPanel({ mode: 2 });
    expect(screen.queryByTestId('database-picker-sql')).toBeNull();
    await waitFor(() => expect(optionsOf('database-picker-db', 'database-picker-db-option')).toEqual(['7', '8']));
    expect(firstOption('database-picker-db').textContent).toBe('Choose a database');
    select('database-picker-db', '7');
    select('database-picker-mode', '0');
    await waitFor(() => expect(reference()).toHaveLength(2));
    expect(reference()).toEqual([
      ['orders', ['id integer', 'item string', 'quantity integer', 'created_at time']],
      ['customers', ['id integer', 'created_at time']],
    ]);
    expect(screen.getByTestId('database-picker-tables').textContent).toContain('Tables of the development copy');
    expect(network.calls.map((call: FakeCall) => call.path)).toContain('/api/databases/7/tables?env=dev');

    fireEvent.change(screen.getByTestId('database-picker-sql'), { target: { value: 'select * from orders where item = {{item}}' } });
    expect(paramOf()).toMatchObject({ dbId: 7, mode: 0, sql: 'select * from orders where item = {{item}}' });
    expect(screen.queryByTestId('database-picker-table')).toBeNull();
  });

  it('picks the table of a mode that names one from the copy the node uses, listing an unknown one', async () => {
    renderPanel({ dbId: 7, mode: 3, tableName: 'legacy', env: 'prod' });
    await waitFor(() => expect(optionsOf('database-picker-table', 'database-picker-table-option')).toEqual(['orders']));
    expect(screen.getByTestId<HTMLSelectElement>('database-picker-table').value).toBe('legacy');
    expect(firstOption('database-picker-table').textContent).toBe('legacy (not a table of this database)');
    expect(screen.getByTestId('database-picker-tables').getAttribute('data-env')).toBe('prod');
    expect(screen.queryByTestId('database-picker-sql')).toBeNull();

    select('database-picker-table', 'orders');
    expect(paramOf()).toMatchObject({ dbId: 7, mode: 3, tableName: 'orders', env: 'prod' });
    select('database-picker-mode', '4');
    expect(paramOf()).toMatchObject({ mode: 4, tableName: 'orders' });
  });
});
