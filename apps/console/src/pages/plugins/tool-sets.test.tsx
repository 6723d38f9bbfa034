// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { summaryOf, toolSetOf } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const weather = toolSetOf();
const path = '/api/plugins/tool-sets/tool%40abc123';

describe('tool sets', () => {
  it('lists the tool sets; a viewer cannot import or delete', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/plugins', {
      me: meAs('viewer'),
      data: [
        [
          keys.toolSets,
          {
            items: [
              summaryOf(weather),
              summaryOf(toolSetOf({ id: 'tool@def', name: 'Maps', latestVersion: 'v2' })),
            ],
          },
        ],
      ],
    });
    const rows = await screen.findAllByTestId('toolset-row');
    expect(rows.map((row) => row.getAttribute('data-name'))).toEqual(['Weather', 'Maps']);
    expect(rows[0]!.textContent).toContain('Draft only');
    expect(rows[1]!.textContent).toContain('v2');
    expect(screen.queryByTestId('plugin-import')).toBeNull();
    expect(screen.queryByTestId('toolset-delete')).toBeNull();
    expect(screen.getByTestId('nav-plugins').getAttribute('aria-current')).toBe('page');
  });

  it('imports a pasted document, after checking the server URL, and opens it', async () => {
    const network = fakeNetwork({
      'POST /api/plugins/tool-sets': () => ({ status: 201, body: weather }),
      'GET /api/plugins/tool-sets': () => ({ body: { items: [summaryOf(weather)] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/plugins', { me: meAs('editor'), data: [[keys.toolSets, { items: [] }]] });
    fireEvent.click(await screen.findByTestId('plugin-import'));
    fireEvent.click(screen.getByTestId('plugin-import-submit'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('plugin-import-text'), { target: { value: 'openapi: 3.0.0' } });
    fireEvent.change(screen.getByTestId('plugin-import-server-url'), { target: { value: 'not a url' } });
    fireEvent.click(screen.getByTestId('plugin-import-submit'));
    expect(await screen.findByText('Enter a URL starting with http:// or https://.')).toBeTruthy();
    expect(network.calls.filter((call) => call.method === 'POST')).toEqual([]);

    fireEvent.change(screen.getByTestId('plugin-import-server-url'), {
      target: { value: 'https://staging.weather.example' },
    });
    fireEvent.change(screen.getByTestId('plugin-import-name'), { target: { value: 'Weather' } });
    fireEvent.click(screen.getByTestId('plugin-import-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/plugins/tool-sets/tool%40abc123'));
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({
      source: { text: 'openapi: 3.0.0' },
      name: 'Weather',
      serverUrl: 'https://staging.weather.example',
    });
    expect(await screen.findByTestId('toolset-operation')).toBeTruthy();
  });

  it('imports by URL and shows why the service refused it', async () => {
    const network = fakeNetwork({
      'POST /api/plugins/tool-sets': () => ({
        status: 403,
        body: { code: 'egress_blocked', message: 'the address 10.0.0.1 is private' },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins', { me: meAs('editor'), data: [[keys.toolSets, { items: [] }]] });
    fireEvent.click(await screen.findByTestId('plugin-import'));
    fireEvent.click(screen.getByTestId('plugin-import-mode-url'));
    fireEvent.change(screen.getByTestId('plugin-import-url'), {
      target: { value: 'http://10.0.0.1/openapi.json' },
    });
    fireEvent.click(screen.getByTestId('plugin-import-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain(
      'the address 10.0.0.1 is private',
    );
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({
      source: { url: 'http://10.0.0.1/openapi.json' },
    });
  });

  it('keeps a stored secret masked, and asks for a new one when the type changes', async () => {
    const stored = toolSetOf({ authType: 'bearer', auth: { type: 'bearer', token: '********' } });
    const network = fakeNetwork({
      [`PATCH ${path}`]: (call) => ({
        body: {
          ...stored,
          auth: {
            type: (call.body as { auth: { type: string } }).auth.type,
            value: '********',
            in: 'header',
            name: 'X-Key',
          },
        },
      }),
      'GET /api/plugins/tool-sets': () => ({ body: { items: [] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins/tool-sets/tool@abc123?tab=settings', {
      me: meAs('editor'),
      data: [[keys.toolSet('tool@abc123'), stored]],
    });
    const secret = await screen.findByTestId<HTMLInputElement>('toolset-auth-secret');
    expect(secret.value).toBe('********');
    fireEvent.change(screen.getByTestId('toolset-auth-type'), { target: { value: 'apiKey' } });
    fireEvent.click(screen.getByTestId('toolset-save'));
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('toolset-auth-name'), { target: { value: 'X-Key' } });
    fireEvent.change(screen.getByTestId('toolset-auth-secret'), { target: { value: 'k-123' } });
    fireEvent.click(screen.getByTestId('toolset-save'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(network.calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      name: 'Weather',
      description: 'Forecasts',
      serverUrl: 'https://api.weather.example',
      auth: { type: 'apiKey', in: 'header', name: 'X-Key', value: 'k-123' },
    });
  });

  it('runs an operation from its schema form and shows the request, the answer, the status and the time', async () => {
    const network = fakeNetwork({
      [`GET ${path}/versions`]: () => ({
        body: {
          items: [
            {
              version: 'v1',
              seq: 1,
              name: 'Weather',
              operationCount: 1,
              publishedBy: null,
              publishedAt: '2026-01-02T00:00:00Z',
            },
          ],
        },
      }),
      [`POST ${path}/test-run`]: () => ({
        body: {
          version: 'v1',
          operationId: 'getForecast',
          request: {
            method: 'GET',
            url: 'https://api.weather.example/forecast/Paris?days=3',
            headers: { authorization: '********' },
            body: null,
          },
          response: { status: 200, headers: {}, body: { temperature: 21 } },
          result: {
            ok: true,
            status: 200,
            contentType: 'application/json',
            output: { temperature: 21 },
            durationMs: 42,
          },
        },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins/tool-sets/tool@abc123?tab=test', {
      me: meAs('editor'),
      data: [[keys.toolSet('tool@abc123'), weather]],
    });
    const input = (name: string) =>
      screen
        .getAllByTestId('toolset-test-input')
        .find((element) => element.getAttribute('data-name') === name)!;
    await screen.findByTestId('toolset-test');
    fireEvent.change(input('days'), { target: { value: 'three' } });
    fireEvent.click(screen.getByTestId('toolset-test-run'));
    expect(await screen.findByText('Required.')).toBeTruthy();
    expect(screen.getByText('Enter a number.')).toBeTruthy();

    fireEvent.change(input('city'), { target: { value: 'Paris' } });
    fireEvent.change(input('days'), { target: { value: '3' } });
    await waitFor(() =>
      expect(screen.getByTestId<HTMLSelectElement>('toolset-test-version').options).toHaveLength(2),
    );
    fireEvent.change(screen.getByTestId('toolset-test-version'), { target: { value: 'v1' } });
    fireEvent.click(screen.getByTestId('toolset-test-run'));
    expect((await screen.findByTestId('toolset-test-status')).textContent).toBe('200');
    expect(screen.getByTestId('toolset-test-duration').textContent).toBe('42 ms');
    expect(screen.getByTestId('toolset-test-request').textContent).toContain('"authorization": "********"');
    expect(screen.getByTestId('toolset-test-response').textContent).toContain('"temperature": 21');
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({
      operationId: 'getForecast',
      inputs: { city: 'Paris', days: 3 },
      version: 'v1',
    });

    fireEvent.click(screen.getByTestId('toolset-test-raw-mode'));
    fireEvent.change(screen.getByTestId('toolset-test-raw'), { target: { value: '[1]' } });
    fireEvent.click(screen.getByTestId('toolset-test-run'));
    expect(await screen.findByText('Enter a JSON object.')).toBeTruthy();
  });

  it('publishes the draft and lists the new version', async () => {
    let versions: unknown[] = [];
    const network = fakeNetwork({
      [`GET ${path}/versions`]: () => ({ body: { items: versions } }),
      [`POST ${path}/versions`]: () => {
        versions = [
          {
            version: 'v1',
            seq: 1,
            name: 'Weather',
            operationCount: 1,
            publishedBy: 'us_1',
            publishedAt: '2026-01-02T00:00:00Z',
          },
        ];
        return { status: 201, body: { toolSetId: weather.id, ...(versions[0] as object) } };
      },
      [`GET ${path}`]: () => ({ body: { ...weather, latestVersion: 'v1' } }),
      'GET /api/plugins/tool-sets': () => ({ body: { items: [] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins/tool-sets/tool@abc123?tab=versions', {
      me: meAs('editor'),
      data: [[keys.toolSet('tool@abc123'), weather]],
    });
    expect(await screen.findByText('Not published yet.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('toolset-publish'));
    const row = await screen.findByTestId('toolset-version-row');
    expect(within(row).getByText('v1')).toBeTruthy();
    expect(await screen.findByText('v1 published.')).toBeTruthy();
  });
});
