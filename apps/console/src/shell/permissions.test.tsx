// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/queries.js';
import type { Member } from '../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../test/render-app.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const members: { items: Member[] } = {
  items: [
    {
      userId: 'us_1',
      email: 'ada@example.com',
      name: 'Ada',
      role: 'viewer',
      joinedAt: '2026-01-01T00:00:00Z',
    },
    {
      userId: 'us_2',
      email: 'grace@example.com',
      name: 'Grace',
      role: 'owner',
      joinedAt: '2026-01-01T00:00:00Z',
    },
  ],
};

describe('what a role sees', () => {
  it('a viewer: no audit or API key navigation, no invite, roles as plain badges', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/members', { me: meAs('viewer'), data: [[keys.members, members]] });
    expect(await screen.findByTestId('members-table')).toBeTruthy();
    expect(screen.getByTestId('nav-providers')).toBeTruthy();
    expect(screen.queryByTestId('nav-audit')).toBeNull();
    expect(screen.queryByTestId('nav-api-keys')).toBeNull();
    expect(screen.queryByTestId('invite-open')).toBeNull();
    expect(screen.queryByTestId('member-role-select')).toBeNull();
    expect(screen.getAllByTestId('member-role').map((badge) => badge.textContent)).toEqual([
      'Viewer',
      'Owner',
    ]);
    expect(screen.queryByTestId('invitations-table')).toBeNull();
    // Only leaving is offered: the row of the person themself.
    expect(screen.getAllByTestId('member-remove')).toHaveLength(1);
  });

  it('an admin: invite, role selects for the roles an admin may grant, invitations', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/members', {
      me: meAs('admin'),
      data: [
        [keys.members, members],
        [keys.invitations, { items: [] }],
      ],
    });
    expect(await screen.findByTestId('invite-open')).toBeTruthy();
    expect(screen.getByTestId('nav-audit')).toBeTruthy();
    // Grace is an owner: an admin cannot change her role.
    expect(screen.getAllByTestId('member-role-select')).toHaveLength(1);
    const options = Array.from(screen.getByTestId('member-role-select').querySelectorAll('option')).map(
      (option) => option.value,
    );
    expect(options).toEqual(['admin', 'editor', 'viewer']);
  });

  it('plugins and databases are links like the other build areas', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/members', {
      me: meAs('owner'),
      data: [
        [keys.members, members],
        [keys.invitations, { items: [] }],
      ],
    });
    const plugins = await screen.findByTestId('nav-plugins');
    expect(plugins.closest('a')?.getAttribute('href')).toBe('/plugins');
    expect(screen.getByTestId('nav-databases').closest('a')?.getAttribute('href')).toBe('/databases');
    expect(screen.getByTestId('nav-agents').closest('a')).not.toBeNull();
    expect(screen.getByTestId('nav-workflows').closest('a')).not.toBeNull();
    expect(screen.getByTestId('nav-knowledge').closest('a')).not.toBeNull();
  });

  it('a page the role may not see says so instead of failing', async () => {
    const network = fakeNetwork({});
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/api-keys', { me: meAs('viewer') });
    expect(await screen.findByText('You do not have access to this page')).toBeTruthy();
    expect(network.calls.filter((call) => call.path.startsWith('/api/api-keys'))).toEqual([]);
  });

  it('without audit.view the audit page shows your own activity only', async () => {
    const network = fakeNetwork({ 'GET /api/audit': () => ({ body: { items: [], nextCursor: null } }) });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/audit', { me: meAs('editor') });
    expect(await screen.findByText('Nothing recorded yet')).toBeTruthy();
    const calls = network.calls.filter((call) => call.path.startsWith('/api/audit'));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((call) => call.path.includes('scope=mine'))).toBe(true);
  });
});
