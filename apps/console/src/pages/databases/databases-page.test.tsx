// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { databaseOf } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const orders = databaseOf();
const crm = databaseOf({ id: 8, name: 'crm', description: '', publishedAt: '2026-01-03T00:00:00Z' });

describe('databases list', () => {
  it('lists the databases; a viewer cannot create, clone or delete', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/databases', { me: meAs('viewer'), data: [[keys.databases, { items: [orders, crm] }]] });
    const rows = await screen.findAllByTestId('database-row');
    expect(rows.map((row) => row.getAttribute('data-name'))).toEqual(['orders', 'crm']);
    expect(rows[0]!.textContent).toContain('Not published');
    expect(screen.queryByTestId('database-create')).toBeNull();
    expect(screen.queryByTestId('database-clone')).toBeNull();
    expect(screen.queryByTestId('database-delete')).toBeNull();
  });

  it('creates a database and opens it', async () => {
    const network = fakeNetwork({
      'POST /api/databases': () => ({
        status: 201,
        body: databaseOf({ id: 9, name: 'notes', description: '' }),
      }),
      'GET /api/databases': () => ({ body: { items: [] } }),
      'GET /api/databases/9/tables': () => ({ body: { items: [] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/databases', {
      me: meAs('editor'),
      data: [[keys.databases, { items: [] }]],
    });
    fireEvent.click(await screen.findByTestId('database-create-empty'));
    fireEvent.click(screen.getByTestId('database-create-submit'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('database-create-name'), { target: { value: ' notes ' } });
    fireEvent.click(screen.getByTestId('database-create-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/databases/9'));
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({ name: 'notes' });
    expect(await screen.findByText('No tables yet')).toBeTruthy();
  });

  it('clones a database and shows a refused name', async () => {
    const network = fakeNetwork({
      'POST /api/databases/7/clone': () => ({
        status: 409,
        body: { code: 'database_exists', message: 'a database named crm already exists' },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/databases', { me: meAs('editor'), data: [[keys.databases, { items: [orders, crm] }]] });
    fireEvent.click(within((await screen.findAllByTestId('database-row'))[0]!).getByTestId('database-clone'));
    fireEvent.change(screen.getByTestId('database-clone-name'), { target: { value: 'crm' } });
    fireEvent.change(screen.getByTestId('database-clone-description'), { target: { value: 'copy' } });
    fireEvent.click(screen.getByTestId('database-clone-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain(
      'a database named crm already exists',
    );
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'crm',
      description: 'copy',
    });
  });

  it('deletes a database after confirming', async () => {
    let items = [orders, crm];
    const network = fakeNetwork({
      'GET /api/databases': () => ({ body: { items } }),
      'DELETE /api/databases/8': () => {
        items = [orders];
        return { status: 204 };
      },
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/databases', { me: meAs('editor'), data: [[keys.databases, { items }]] });
    fireEvent.click(
      within((await screen.findAllByTestId('database-row'))[1]!).getByTestId('database-delete'),
    );
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('crm is deleted with both copies');
    fireEvent.click(screen.getByTestId('confirm-submit'));
    await waitFor(() => expect(screen.getAllByTestId('database-row')).toHaveLength(1));
    expect(network.calls.some((call) => call.method === 'DELETE' && call.path === '/api/databases/8')).toBe(
      true,
    );
  });
});
