// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp, type FakeCall } from '../../test/render-app.js';
import { apiSnippet, modelName } from './api-snippets.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const agent: Agent = {
  id: 'agent_1',
  alias: null,
  name: 'Helper',
  icon: '',
  description: '',
  instructions: '',
  model: 'pv_1/gpt-4o-mini',
  parameters: {},
  tools: [],
  strategy: 'auto',
  maxSteps: 8,
  openingMessage: '',
  suggestedQuestions: ['What can you do?'],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: 1,
  publishedAt: '2026-01-02T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

function renderAgent(path: string, shown: Agent, routes: Parameters<typeof fakeNetwork>[0] = {}) {
  const network = fakeNetwork({
    'GET /api/agents': () => ({ body: { items: [shown] } }),
    ...routes,
  });
  vi.stubGlobal('fetch', network.fetch);
  renderApp(path, {
    me: meAs('editor'),
    data: [
      [keys.agent(shown.id), shown],
      [
        keys.providers,
        {
          items: [
            {
              id: 'pv_1',
              name: 'OpenAI',
              baseUrl: 'http://x',
              hasApiKey: true,
              headerNames: [],
              models: [{ id: 'gpt-4o-mini', kind: 'chat', source: 'fetched' }],
              lastTest: null,
              createdAt: '',
              updatedAt: '',
            },
          ],
          defaults: { chatModel: null, embeddingModel: null },
        },
      ],
    ],
  });
  return network;
}

const patches = (calls: FakeCall[]) => calls.filter((call) => call.method === 'PATCH');

describe('agent alias', () => {
  it('is checked like the hub does, sent in the PATCH, and a taken alias is shown on the field', async () => {
    let taken = true;
    const network = renderAgent('/agents/agent_1', agent, {
      'PATCH /api/agents/agent_1': (call) =>
        taken
          ? {
              status: 409,
              body: {
                code: 'alias_taken',
                message: 'another agent of this space already has the alias support-bot',
                details: [{ field: 'alias', message: 'already taken in this space' }],
              },
            }
          : { body: { ...agent, ...(call.body as Partial<Agent>) } },
    });
    const alias = await screen.findByTestId('agent-alias');
    expect(screen.getByText(/A stable name to use as/).textContent).toContain(
      'A stable name to use as model in the API instead of the id',
    );

    for (const bad of ['Support', 'agent_copy', '-bot', 'a'.repeat(65)]) {
      fireEvent.change(alias, { target: { value: bad } });
      fireEvent.click(screen.getByTestId('agent-save'));
      expect((await screen.findByTestId('field-error')).textContent).toContain('lowercase letters');
    }
    expect(patches(network.calls)).toEqual([]);

    fireEvent.change(alias, { target: { value: ' support-bot ' } });
    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(patches(network.calls)).toHaveLength(1));
    expect(patches(network.calls)[0]!.body).toMatchObject({ alias: 'support-bot', name: 'Helper' });
    await waitFor(() =>
      expect(screen.getByTestId('field-error').textContent).toBe(
        'Another agent of this space already has this alias.',
      ),
    );
    expect(alias.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('form-error')).toBeNull();

    taken = false;
    fireEvent.change(alias, { target: { value: 'help-desk' } });
    fireEvent.click(screen.getByTestId('agent-save'));
    expect(await screen.findByTestId('toast-success')).toBeTruthy();
    expect(patches(network.calls)[1]!.body).toMatchObject({ alias: 'help-desk' });
    expect(screen.queryByTestId('field-error')).toBeNull();
  });

  it('clearing the alias sends null; an unchanged alias is not sent', async () => {
    const aliased = { ...agent, alias: 'support-bot' };
    const network = renderAgent('/agents/agent_1', aliased, {
      'PATCH /api/agents/agent_1': (call) => ({ body: { ...aliased, ...(call.body as Partial<Agent>) } }),
    });
    const alias = await screen.findByTestId<HTMLInputElement>('agent-alias');
    expect(alias.value).toBe('support-bot');
    fireEvent.change(screen.getByTestId('agent-description'), { target: { value: 'Helps' } });
    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(patches(network.calls)).toHaveLength(1));
    expect(patches(network.calls)[0]!.body).not.toHaveProperty('alias');

    fireEvent.change(alias, { target: { value: '' } });
    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(patches(network.calls)).toHaveLength(2));
    expect(patches(network.calls)[1]!.body).toMatchObject({ alias: null });
  });

  it('the API tab shows the alias as the model and the id beside it; the examples use the alias', async () => {
    renderAgent('/agents/agent_1?tab=api', { ...agent, alias: 'support-bot' });
    expect((await screen.findByTestId<HTMLInputElement>('api-model')).value).toBe('support-bot');
    expect(screen.getByTestId<HTMLInputElement>('api-agent-id').value).toBe('agent_1');
    expect(screen.getByTestId('api-snippet').textContent).toContain('"model":"support-bot"');
    fireEvent.click(
      screen.getAllByTestId('api-snippet-tab').find((tab) => tab.dataset.language === 'python')!,
    );
    expect(screen.getByTestId('api-snippet').textContent).toContain('model="support-bot"');
    expect(screen.getByTestId('api-snippet').textContent).not.toContain('agent_1');
  });

  it('without an alias the API tab and the examples use the id', async () => {
    renderAgent('/agents/agent_1?tab=api', agent);
    expect((await screen.findByTestId<HTMLInputElement>('api-model')).value).toBe('agent_1');
    expect(screen.queryByTestId('api-agent-id')).toBeNull();
    expect(screen.getByTestId('api-snippet').textContent).toContain('"model":"agent_1"');
  });
});

describe('api snippets', () => {
  it('name the alias as the model when there is one, else the id', () => {
    expect(modelName({ id: 'agent_1', alias: 'support-bot' })).toBe('support-bot');
    expect(modelName({ id: 'agent_1', alias: null })).toBe('agent_1');
    const code = apiSnippet(
      'typescript',
      'http://hub/v1',
      modelName({ id: 'agent_1', alias: 'support-bot' }),
      'Hi',
    );
    expect(code).toContain('model: "support-bot"');
  });
});
