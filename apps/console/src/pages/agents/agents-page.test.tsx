// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent, AgentDraft } from '../../api/types.js';
import { ToastProvider } from '../../components/ui/toast.js';
import { initI18n } from '../../i18n/index.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { AgentSettingsForm } from './agent-settings-form.js';

beforeAll(() => {
  initI18n('en');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const agent: Agent = {
  id: 'ag_1',
  alias: null,
  name: 'Helper',
  icon: '',
  description: 'Answers questions',
  instructions: '',
  model: 'pv_1/gpt-4o-mini',
  parameters: {},
  tools: ['calculator'],
  strategy: 'auto',
  maxSteps: 8,
  openingMessage: 'Hi! Ask me to compute something.',
  suggestedQuestions: ['What is 6 times 7?'],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: 2,
  publishedAt: '2026-01-02T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};
const draftOnly: Agent = { ...agent, id: 'ag_2', name: 'Draft', publishedVersion: null, publishedAt: null };

describe('agents list', () => {
  it('a viewer sees the agents but no create, import or delete', async () => {
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    renderApp('/agents', { me: meAs('viewer'), data: [[keys.agents, { items: [agent, draftOnly] }]] });
    const rows = await screen.findAllByTestId('agent-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('v2')).toBeTruthy();
    expect(within(rows[1]!).getByText('Draft only')).toBeTruthy();
    expect(screen.queryByTestId('agent-create')).toBeNull();
    expect(screen.queryByTestId('agent-import')).toBeNull();
    expect(screen.queryByTestId('agent-delete')).toBeNull();
  });

  it('an editor creates an agent and lands in its editor', async () => {
    const network = fakeNetwork({
      'POST /api/agents': () => ({ status: 201, body: { ...draftOnly, name: 'New one' } }),
      'GET /api/agents': () => ({ body: { items: [] } }),
      'GET /api/providers': () => ({
        body: { items: [], defaults: { chatModel: null, embeddingModel: null } },
      }),
    });
    vi.stubGlobal('fetch', network.fetch);
    const { router } = renderApp('/agents', { me: meAs('editor'), data: [[keys.agents, { items: [] }]] });
    expect(await screen.findByTestId('empty-state')).toBeTruthy();
    expect(screen.getByTestId('agent-create-empty')).toBeTruthy();
    expect(screen.getByTestId('agent-import')).toBeTruthy();
    fireEvent.click(screen.getByTestId('agent-create'));
    fireEvent.change(screen.getByTestId('agent-create-name'), { target: { value: ' New one ' } });
    fireEvent.click(screen.getByTestId('agent-create-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/agents/ag_2'));
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({ name: 'New one' });
    expect(await screen.findByTestId('agent-name')).toBeTruthy();
  });

  it('without resources.view: no navigation entry, and the page says so', async () => {
    const network = fakeNetwork({});
    vi.stubGlobal('fetch', network.fetch);
    const me = meAs('viewer');
    me.currentSpace.permissions = me.currentSpace.permissions.filter(
      (permission) => permission !== 'resources.view',
    );
    renderApp('/agents', { me });
    expect(await screen.findByText('You do not have access to this page')).toBeTruthy();
    expect(screen.queryByTestId('nav-agents')).toBeNull();
    expect(network.calls.filter((call) => call.path.startsWith('/api/agents'))).toEqual([]);
  });
});

describe('agent settings form', () => {
  function renderForm(onSave: (changes: Partial<AgentDraft>) => Promise<void>) {
    // The tool pickers ask the hub for the space's plugins and databases: none here.
    vi.stubGlobal('fetch', fakeNetwork({}).fetch);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ToastProvider>
          <AgentSettingsForm
            agent={agent}
            models={[{ value: 'pv_1/gpt-4o-mini', label: 'OpenAI / gpt-4o-mini' }]}
            editable
            onSave={onSave}
          />
        </ToastProvider>
      </QueryClientProvider>,
    );
  }

  it('checks the fields before saving, then sends every field', async () => {
    const onSave = vi.fn(async (_changes: Partial<AgentDraft>) => {});
    renderForm(onSave);
    fireEvent.change(screen.getByTestId('agent-name'), { target: { value: '' } });
    fireEvent.change(screen.getByTestId('agent-temperature'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('agent-max-steps'), { target: { value: '500' } });
    fireEvent.click(screen.getByTestId('agent-save'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(screen.getByText('Enter a number from 0 to 2.')).toBeTruthy();
    expect(screen.getByText('Enter a whole number from 1 to 100.')).toBeTruthy();
    expect(onSave).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('agent-name'), { target: { value: 'Helper 2' } });
    fireEvent.change(screen.getByTestId('agent-temperature'), { target: { value: '0.3' } });
    fireEvent.change(screen.getByTestId('agent-max-steps'), { target: { value: '4' } });
    const webReader = screen
      .getAllByTestId('agent-tool')
      .find((box) => box.getAttribute('data-tool') === 'web_reader');
    fireEvent.click(webReader!);
    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    expect(onSave.mock.calls[0]![0]).toMatchObject({
      name: 'Helper 2',
      parameters: { temperature: 0.3 },
      maxSteps: 4,
      tools: ['calculator', 'web_reader'],
      model: 'pv_1/gpt-4o-mini',
      plugins: [],
      mcpTools: [],
      databases: [],
      aiTools: [],
    });
  });
});
