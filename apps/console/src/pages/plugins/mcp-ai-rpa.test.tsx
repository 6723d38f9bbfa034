// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AiToolsState } from '../../api/plugin-types.js';
import { keys } from '../../api/queries.js';
import type { Provider } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { mcpServerOf } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const provider: Provider = {
  id: 'pv_1',
  name: 'OpenAI',
  baseUrl: 'https://api.openai.com/v1',
  hasApiKey: true,
  headerNames: [],
  models: [
    { id: 'gpt-4o-mini', kind: 'chat', source: 'fetched' },
    { id: 'gpt-image-1', kind: 'other', source: 'entered' },
    { id: 'text-embedding-3-small', kind: 'embedding', source: 'fetched' },
  ],
  lastTest: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const tool = (name: string, available: boolean, message: string | null) => ({
  name,
  title: name.replace('_', ' '),
  description: `The ${name} tool`,
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object' },
  models: { required: [], optional: [] },
  available,
  message,
  missingModels: [],
});

const aiTools: AiToolsState = {
  models: { image: null, speech: null, transcription: null, vision: null, chat: 'pv_1/gpt-4o-mini' },
  tools: [
    tool('translation', true, null),
    tool('image_generation', false, 'Set an image model for image_generation.'),
  ],
};

describe('MCP servers', () => {
  it('adds a server with a bearer token and a header, after checking the URL and the header name', async () => {
    const network = fakeNetwork({
      'POST /api/plugins/mcp-servers': () => ({ status: 201, body: mcpServerOf() }),
      'GET /api/plugins/mcp-servers': () => ({ body: { items: [mcpServerOf()] } }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins?tab=mcp', { me: meAs('editor'), data: [[keys.mcpServers, { items: [] }]] });
    fireEvent.click(await screen.findByTestId('mcp-add'));
    fireEvent.change(screen.getByTestId('mcp-name'), { target: { value: 'Docs search' } });
    fireEvent.change(screen.getByTestId('mcp-url'), { target: { value: 'ftp://mcp.example' } });
    fireEvent.click(screen.getByTestId('mcp-header-add'));
    fireEvent.change(screen.getByTestId('mcp-header-name'), { target: { value: 'X Trace' } });
    fireEvent.click(screen.getByTestId('mcp-submit'));
    expect(await screen.findByText('Enter a URL starting with http:// or https://.')).toBeTruthy();
    expect(network.calls.some((call) => call.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByTestId('mcp-url'), { target: { value: 'https://mcp.example/mcp' } });
    fireEvent.change(screen.getByTestId('mcp-header-name'), { target: { value: 'X-Trace' } });
    fireEvent.change(screen.getByTestId('mcp-header-value'), { target: { value: 't-1' } });
    fireEvent.change(screen.getByTestId('mcp-bearer'), { target: { value: 'secret-token' } });
    fireEvent.click(screen.getByTestId('mcp-submit'));
    expect(await screen.findByTestId('mcp-row')).toBeTruthy();
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'Docs search',
      url: 'https://mcp.example/mcp',
      transport: 'streamable-http',
      headers: { 'X-Trace': 't-1' },
      bearerToken: 'secret-token',
    });
  });

  it('lists a server’s tools, refreshes them, and calls one with JSON arguments', async () => {
    const network = fakeNetwork({
      'GET /api/plugins/mcp-servers/mcp%40srv1/tools': (call) => ({
        body: {
          tools: call.path.includes('refresh=true')
            ? [
                { name: 'search', inputSchema: {} },
                { name: 'fetch', inputSchema: {} },
              ]
            : [{ name: 'search', description: 'Search the docs', inputSchema: {} }],
          cached: false,
        },
      }),
      'POST /api/plugins/mcp-servers/mcp%40srv1/call': () => ({
        body: { isError: false, content: [{ type: 'text', text: 'found 3 pages' }] },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins?tab=mcp', {
      me: meAs('editor'),
      data: [[keys.mcpServers, { items: [mcpServerOf()] }]],
    });
    fireEvent.click(await screen.findByTestId('mcp-open'));
    expect((await screen.findAllByTestId('mcp-tool')).map((item) => item.getAttribute('data-tool'))).toEqual([
      'search',
    ]);
    fireEvent.click(screen.getByTestId('mcp-tools-refresh'));
    await waitFor(() => expect(screen.getAllByTestId('mcp-tool')).toHaveLength(2));

    fireEvent.change(screen.getByTestId('mcp-try-arguments'), { target: { value: '{"query": ' } });
    fireEvent.click(screen.getByTestId('mcp-try-run'));
    expect(await screen.findByText('Enter a JSON object.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('mcp-try-arguments'), { target: { value: '{"query": "install"}' } });
    fireEvent.click(screen.getByTestId('mcp-try-run'));
    expect((await screen.findByTestId('mcp-try-result')).textContent).toContain('found 3 pages');
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({
      tool: 'search',
      arguments: { query: 'install' },
    });
  });
});

describe('AI tools', () => {
  it('shows which tools are ready and why the others are not, and saves the models per kind', async () => {
    const network = fakeNetwork({
      'PUT /api/plugins/ai-tools/models': (call) => ({
        body: {
          models: { ...aiTools.models, ...(call.body as object) },
          tools: [tool('translation', true, null), tool('image_generation', true, null)],
        },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins?tab=ai-tools', {
      me: meAs('editor'),
      data: [
        [keys.aiTools, aiTools],
        [
          keys.providers,
          { items: [provider], defaults: { chatModel: 'pv_1/gpt-4o-mini', embeddingModel: null } },
        ],
      ],
    });
    const rows = await screen.findAllByTestId('aitools-tool');
    expect(rows.map((row) => [row.getAttribute('data-tool'), row.getAttribute('data-available')])).toEqual([
      ['translation', 'true'],
      ['image_generation', 'false'],
    ]);
    expect(within(rows[1]!).getByTestId('aitools-missing').textContent).toBe(
      'Set an image model for image_generation.',
    );
    const image = screen.getByTestId<HTMLSelectElement>('aitools-model-image');
    expect(Array.from(image.options).map((option) => option.value)).toEqual([
      '',
      'pv_1/gpt-4o-mini',
      'pv_1/gpt-image-1',
    ]);
    fireEvent.change(image, { target: { value: 'pv_1/gpt-image-1' } });
    fireEvent.change(screen.getByTestId('aitools-model-chat'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('aitools-save'));
    await waitFor(() =>
      expect(screen.getAllByTestId('aitools-tool')[1]!.getAttribute('data-available')).toBe('true'),
    );
    expect(network.calls.find((call) => call.method === 'PUT')?.body).toEqual({
      image: 'pv_1/gpt-image-1',
      speech: null,
      transcription: null,
      vision: null,
      chat: null,
    });
  });
});

describe('RPA', () => {
  it('sets and removes the platform token, which is never shown', async () => {
    const network = fakeNetwork({
      'PUT /api/plugins/rpa': (call) => ({
        body: {
          configured: true,
          reachable: true,
          tokenSet: (call.body as { token: string | null }).token !== null,
        },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    renderApp('/plugins?tab=rpa', {
      me: meAs('editor'),
      data: [[keys.rpa, { configured: false, reachable: false, tokenSet: false }]],
    });
    expect((await screen.findByTestId('rpa-status')).textContent).toBe('RPA service not configured');
    expect(screen.queryByTestId('rpa-token-clear')).toBeNull();
    fireEvent.change(screen.getByTestId('rpa-token'), { target: { value: 'rpa-secret' } });
    fireEvent.click(screen.getByTestId('rpa-token-save'));
    await waitFor(() => expect(screen.getByTestId('rpa-token-state').textContent).toBe('Token set'));
    expect(screen.getByTestId('rpa-status').textContent).toBe('RPA service ready');
    expect(screen.queryByTestId('rpa-status-hint')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('rpa-token').value).toBe('');
    fireEvent.click(screen.getByTestId('rpa-token-clear'));
    await waitFor(() => expect(screen.getByTestId('rpa-token-state').textContent).toBe('No token'));
    expect(network.calls.filter((call) => call.method === 'PUT').map((call) => call.body)).toEqual([
      { token: 'rpa-secret' },
      { token: null },
    ]);
  });

  it('shows a configured platform that does not answer, and why robots cannot run', async () => {
    renderApp('/plugins?tab=rpa', {
      me: meAs('viewer'),
      data: [[keys.rpa, { configured: true, reachable: false, tokenSet: true }]],
    });
    const status = await screen.findByTestId('rpa-status');
    expect(status.textContent).toBe('RPA platform not reachable');
    expect(status.getAttribute('data-status')).toBe('unreachable');
    expect(screen.getByTestId('rpa-status-hint').textContent).toContain('did not answer');
    expect(screen.queryByTestId('rpa-token')).toBeNull();
  });
});
