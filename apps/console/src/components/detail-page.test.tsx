// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../api/queries.js';
import { toolSetOf } from '../pages/plugins/test-support.js';
import { fakeNetwork, meAs, renderApp } from '../test/render-app.js';

// The tool set page stands for the four detail pages: they differ only in what they show below the title row.
const weather = toolSetOf();
const page = '/plugins/tool-sets/tool@abc123';
const route = 'GET /api/plugins/tool-sets/tool%40abc123';
const failure = { status: 500, body: { code: 'internal', message: 'The hub fell over' } };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('detail page', () => {
  it('shows a skeleton, then the load error with a way back, then the resource after a retry', async () => {
    let failing = true;
    let answer = () => {};
    const held = new Promise<void>((resolve) => (answer = resolve));
    const network = fakeNetwork({ [route]: () => (failing ? failure : { body: weather }) });
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      await held;
      return network.fetch(input, init);
    });
    const { router } = renderApp(page, { me: meAs('viewer') });

    expect(await screen.findByTestId('loading')).toBeTruthy();
    answer();
    expect((await screen.findByTestId('error-state')).textContent).toContain('The hub fell over');
    expect(screen.getByRole('link', { name: 'All plugins' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();

    failing = false;
    fireEvent.click(screen.getByTestId('retry'));
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toBe('WeatherDraft only');
    expect(screen.getByTestId('toolset-summary').textContent).toContain('https://api.weather.example');
    expect(screen.queryByTestId('error-state')).toBeNull();

    fireEvent.click(screen.getByRole('link', { name: 'All plugins' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/plugins'));
  });

  it('keeps showing what it read when a refresh fails', async () => {
    const network = fakeNetwork({ [route]: () => failure });
    vi.stubGlobal('fetch', network.fetch);
    const { queryClient } = renderApp(page, {
      me: meAs('viewer'),
      data: [[keys.toolSet(weather.id), weather]],
    });
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toContain('Weather');

    // The query tells its observers on a later task: wait for that, and for the render it causes.
    await act(async () => {
      await queryClient.refetchQueries({ queryKey: keys.toolSet(weather.id) });
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(queryClient.getQueryState(keys.toolSet(weather.id))?.status).toBe('error');
    expect(network.calls.filter((call) => call.path === '/api/plugins/tool-sets/tool%40abc123')).toHaveLength(
      1,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Weather');
    expect(screen.queryByTestId('error-state')).toBeNull();
  });
});
