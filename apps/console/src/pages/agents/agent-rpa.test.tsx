// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RpaState } from '../../api/plugin-types.js';
import { keys } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const noParameters = { type: 'object', properties: {} };

const agent: Agent = {
  id: 'ag_1',
  alias: null,
  name: 'Clerk',
  icon: '',
  description: '',
  instructions: '',
  model: null,
  parameters: {},
  tools: [],
  rpa: [{ projectId: 'old-bot', name: 'old_bot', description: 'Retired robot', parameters: noParameters }],
  strategy: 'auto',
  maxSteps: 8,
  openingMessage: '',
  suggestedQuestions: [],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: null,
  publishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function renderEditor(rpa: RpaState) {
  const network = fakeNetwork({
    'PATCH /api/agents/ag_1': (call) => ({ body: { ...agent, ...(call.body as object) } }),
    'GET /api/agents': () => ({ body: { items: [] } }),
  });
  vi.stubGlobal('fetch', network.fetch);
  renderApp('/agents/ag_1', {
    me: meAs('editor'),
    data: [
      [keys.agent('ag_1'), agent],
      [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
      [keys.workflows, { items: [] }],
      [keys.knowledgeBases, { items: [] }],
      [keys.toolSets, { items: [] }],
      [keys.mcpServers, { items: [] }],
      [keys.databases, { items: [] }],
      [
        keys.aiTools,
        { models: { image: null, speech: null, transcription: null, vision: null, chat: null }, tools: [] },
      ],
      [keys.rpa, rpa],
    ],
  });
  return network;
}

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const robotRow = (name: string) =>
  screen.getAllByTestId('agent-rpa-robot').find((row) => row.getAttribute('data-name') === name)!;

describe('RPA robots of an agent', () => {
  it('adds a robot with a checked name, describes its input, removes another, and saves them', async () => {
    const network = renderEditor({ configured: true, reachable: true, tokenSet: true });
    expect(await screen.findByTestId('agent-rpa')).toBeTruthy();
    expect(screen.queryByTestId('agent-rpa-warning')).toBeNull();
    const add = screen.getByTestId<HTMLButtonElement>('agent-rpa-add');
    expect(add.disabled).toBe(true);

    // The name follows the project id until it is typed; a name the model cannot call, or one taken, is refused.
    type('agent-rpa-project', 'invoice.bot');
    expect(screen.getByTestId<HTMLInputElement>('agent-rpa-name').value).toBe('invoice_bot');
    expect(add.disabled).toBe(false);
    type('agent-rpa-name', 'collect invoices');
    expect(within(screen.getByTestId('agent-rpa')).getByTestId('field-error').textContent).toBe(
      'Letters, digits, _ or -, at most 64.',
    );
    expect(add.disabled).toBe(true);
    type('agent-rpa-name', 'old_bot');
    expect(within(screen.getByTestId('agent-rpa')).getByTestId('field-error').textContent).toBe(
      'Another robot of this agent has this name.',
    );
    expect(add.disabled).toBe(true);
    type('agent-rpa-name', 'collect_invoices');
    fireEvent.click(add);
    expect(screen.getByTestId<HTMLInputElement>('agent-rpa-project').value).toBe('');

    const row = robotRow('collect_invoices');
    fireEvent.change(within(row).getByTestId('agent-rpa-description'), {
      target: { value: 'Collects the invoices of a month.' },
    });
    const schema = within(row).getByTestId('agent-rpa-parameters');
    fireEvent.change(schema, { target: { value: '{"type": "object", "properties": {"month": ' } });
    expect(within(row).getByTestId('field-error').textContent).toContain('Not JSON of an object schema');
    fireEvent.change(schema, {
      target: {
        value: '{"type": "object", "properties": {"month": {"type": "string"}}, "required": ["month"]}',
      },
    });
    expect(within(row).queryByTestId('field-error')).toBeNull();
    fireEvent.click(within(robotRow('old_bot')).getByTestId('agent-rpa-remove'));

    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect((network.calls.find((call) => call.method === 'PATCH')?.body as { rpa: unknown }).rpa).toEqual([
      {
        projectId: 'invoice.bot',
        name: 'collect_invoices',
        description: 'Collects the invoices of a month.',
        parameters: { type: 'object', properties: { month: { type: 'string' } }, required: ['month'] },
      },
    ]);
  });

  it('warns when runs would be refused for want of a token, or the platform is not ready', async () => {
    renderEditor({ configured: true, reachable: true, tokenSet: false });
    expect((await screen.findByTestId('agent-rpa-warning')).textContent).toContain('no RPA platform token');
    cleanup();
    renderEditor({ configured: true, reachable: false, tokenSet: true });
    expect((await screen.findByTestId('agent-rpa-warning')).textContent).toContain('does not answer');
  });
});
