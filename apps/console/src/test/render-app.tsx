import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createMemoryHistory, RouterProvider } from '@tanstack/react-router';
import { configure, render } from '@testing-library/react';
import { vi } from 'vitest';
import { client } from '../api/index.js';
import { keys } from '../api/queries.js';
import type { Me, Permission, Role, SetupState } from '../api/types.js';
import { ToastProvider } from '../components/ui/toast.js';
import { initI18n } from '../i18n/index.js';
import { createQueryClient } from '../lib/query-client.js';
import { createAppRouter } from '../router.js';

// findBy… and waitFor give up after 5 s instead of 1 s: the canvas takes longer to draw on a loaded machine (CI, parallel
// suites), and a passing wait returns as soon as its element is there, so this costs nothing when things work.
configure({ asyncUtilTimeout: 5_000 });

const PERMISSIONS: Record<Role, Permission[]> = {
  owner: [
    'space.view',
    'space.update',
    'space.delete',
    'members.view',
    'members.manage',
    'providers.view',
    'providers.manage',
    'apikeys.view',
    'apikeys.manage',
    'audit.view',
    'resources.view',
    'resources.edit',
  ],
  admin: [
    'space.view',
    'space.update',
    'members.view',
    'members.manage',
    'providers.view',
    'providers.manage',
    'apikeys.view',
    'apikeys.manage',
    'audit.view',
    'resources.view',
    'resources.edit',
  ],
  editor: [
    'space.view',
    'members.view',
    'providers.view',
    'apikeys.view',
    'apikeys.manage',
    'resources.view',
    'resources.edit',
  ],
  viewer: ['space.view', 'members.view', 'providers.view', 'resources.view'],
};

/** A `Me` as the hub answers it, for a person with `role` in a team space. */
export function meAs(role: Role): Me {
  return {
    user: {
      id: 'us_1',
      email: 'ada@example.com',
      name: 'Ada',
      platformAdmin: false,
      hasPassword: true,
      locale: null,
    },
    spaces: [
      { id: 'sp_personal', name: "Ada's space", kind: 'personal', role: 'owner' },
      { id: 'sp_team', name: 'Research', kind: 'team', role },
    ],
    currentSpace: { id: 'sp_team', name: 'Research', kind: 'team', role, permissions: PERMISSIONS[role] },
    csrfToken: 'csrf-1',
  };
}

export interface FakeCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Stands in for the network (the hub itself is tested in services/hub): answers by "METHOD /path"
 * and records every call. An unknown call answers 404 the way the hub does.
 */
export function fakeNetwork(routes: Record<string, (call: FakeCall) => { status?: number; body?: unknown; text?: string }>) {
  const calls: FakeCall[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://console.test',
    );
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([name, value]) => [
        name.toLowerCase(),
        value,
      ]),
    );
    const call: FakeCall = {
      method,
      path: url.pathname + url.search,
      headers,
      // A CSV upload is kept as its text.
      body: typeof init.body !== 'string' ? undefined : headers['content-type']?.startsWith('text/') ? init.body : JSON.parse(init.body),
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    const answer =
      route === undefined
        ? { status: 404, body: { code: 'not_found', message: `no route ${method} ${url.pathname}` } }
        : route(call);
    const status = answer.status ?? 200;
    // A file the hub hands out (a CSV export) is text, not JSON.
    if ('text' in answer && answer.text !== undefined) return new Response(answer.text, { status, headers: { 'content-type': 'text/csv' } });
    return new Response(answer.body === undefined || status === 204 ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return { fetch, calls };
}

/** The whole console at `path`, with the given answers already in the query cache (nothing to wait for). */
export function renderApp(
  path: string,
  seed: { setup?: SetupState; me?: Me; data?: [readonly unknown[], unknown][] } = {},
) {
  initI18n('en');
  // jsdom has no layout: the router's scroll restoration would only print "not implemented".
  window.scrollTo = () => {};
  const queryClient: QueryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false, staleTime: Infinity },
  });
  queryClient.setQueryData(keys.setup, seed.setup ?? { needsSetup: false, localLogin: true, sso: null });
  if (seed.me !== undefined) {
    queryClient.setQueryData(keys.me, seed.me);
    client.setCsrfToken(seed.me.csrfToken);
  } else {
    client.setCsrfToken(null);
  }
  for (const [key, value] of seed.data ?? []) queryClient.setQueryData(key, value);
  const router = createAppRouter(queryClient, createMemoryHistory({ initialEntries: [path] }));
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, queryClient };
}
