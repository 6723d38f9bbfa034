// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent, ConversationDetail, ConversationSummary, Role } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp, type FakeCall } from '../../test/render-app.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const agent: Agent = {
  id: 'ag_1',
  alias: null,
  name: 'Helper',
  icon: '',
  description: '',
  instructions: '',
  model: 'pv_1/gpt-4o-mini',
  parameters: {},
  tools: ['calculator'],
  strategy: 'auto',
  maxSteps: 8,
  openingMessage: '',
  suggestedQuestions: [],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: 1,
  publishedAt: '2026-01-02T00:00:00Z',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-02T00:00:00Z',
};

function summary(id: string, changes: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    title: `Question ${id}`,
    source: 'debug',
    appId: null,
    messageCount: 2,
    usage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 },
    createdAt: '2026-01-03T10:00:00Z',
    updatedAt: '2026-01-03T10:01:00Z',
    ...changes,
  };
}

const first = summary('cv_1', {
  usage: { promptTokens: 1200, completionTokens: 34, totalTokens: 1234 },
});
const fromApi = summary('cv_2', { title: '', source: 'api', appId: 'app_9' });
const older = summary('cv_3', { title: 'An older one' });

const detail: ConversationDetail = {
  ...first,
  messages: [
    {
      seq: 1,
      role: 'user',
      content: 'What is 6 times 7?',
      steps: [],
      usage: null,
      model: null,
      durationMs: null,
      createdAt: '2026-01-03T10:00:00Z',
    },
    {
      seq: 2,
      role: 'assistant',
      content: 'It is 42.',
      steps: [
        { type: 'tool_call', id: 'c1', name: 'calculator', arguments: { expression: '6*7' } },
        { type: 'tool_result', id: 'c1', name: 'calculator', result: '42', durationMs: 3 },
      ],
      usage: { promptTokens: 1200, completionTokens: 34, totalTokens: 1234 },
      model: 'gpt-4o-mini',
      durationMs: 1530,
      createdAt: '2026-01-03T10:01:00Z',
    },
  ],
};

/** The hub's log routes: two pages for every source, api-only ones for source=api. */
function logRoutes() {
  return {
    'GET /api/agents/ag_1/conversations': (call: FakeCall) => {
      const query = new URL(call.path, 'http://console.test').searchParams;
      if (query.get('source') === 'api') return { body: { items: [fromApi], nextCursor: null } };
      return query.get('cursor') === 'page-2'
        ? { body: { items: [older], nextCursor: null } }
        : { body: { items: [first, fromApi], nextCursor: 'page-2' } };
    },
    'GET /api/agents/ag_1/conversations/cv_1': () => ({ body: detail }),
    'DELETE /api/agents/ag_1/conversations/cv_1': () => ({ status: 204 }),
  };
}

function renderLogs(role: Role, routes: Parameters<typeof fakeNetwork>[0] = logRoutes()) {
  const network = fakeNetwork(routes);
  vi.stubGlobal('fetch', network.fetch);
  const view = renderApp('/agents/ag_1?tab=logs', {
    me: meAs(role),
    data: [
      [keys.agent('ag_1'), agent],
      [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
    ],
  });
  return { network, ...view };
}

const listCalls = (calls: FakeCall[]) =>
  calls.filter((call) => call.method === 'GET' && call.path.startsWith('/api/agents/ag_1/conversations?'));

describe('agent logs', () => {
  it('lists the conversations with source, messages and tokens, filters by source and loads more', async () => {
    const { network } = renderLogs('viewer');
    expect((await screen.findByTestId('agent-tab-logs')).getAttribute('aria-selected')).toBe('true');
    const rows = await screen.findAllByTestId('agent-logs-row');
    expect(rows).toHaveLength(2);
    expect(within(screen.getByTestId('agent-logs-table')).getByText('Question cv_1')).toBeTruthy();
    expect(rows[0]!.textContent).toContain('Debug');
    expect(rows[0]!.textContent).toContain('1,234');
    expect(rows[1]!.getAttribute('data-source')).toBe('api');
    expect(rows[1]!.textContent).toContain('API');
    expect(rows[1]!.textContent).toContain('No question');
    expect(listCalls(network.calls).map((call) => call.path)).toEqual([
      '/api/agents/ag_1/conversations?limit=20',
    ]);

    fireEvent.click(screen.getByTestId('agent-logs-load-more'));
    await waitFor(() => expect(screen.getAllByTestId('agent-logs-row')).toHaveLength(3));
    expect(listCalls(network.calls)[1]!.path).toBe('/api/agents/ag_1/conversations?cursor=page-2&limit=20');
    expect(screen.queryByTestId('agent-logs-load-more')).toBeNull();

    fireEvent.change(screen.getByTestId('agent-logs-source-filter'), { target: { value: 'api' } });
    await waitFor(() => expect(screen.getAllByTestId('agent-logs-row')).toHaveLength(1));
    expect(listCalls(network.calls)[2]!.path).toBe('/api/agents/ag_1/conversations?limit=20&source=api');
    expect(screen.getByTestId('agent-logs-row').getAttribute('data-conversation-id')).toBe('cv_2');
  });

  it('opens a conversation: totals, messages, tool steps and each answer’s usage; a viewer cannot delete', async () => {
    renderLogs('viewer');
    fireEvent.click((await screen.findAllByTestId('agent-logs-row'))[0]!);
    const dialog = await screen.findByTestId('agent-log-detail');
    await waitFor(() => expect(within(dialog).getAllByTestId('agent-log-message')).toHaveLength(2));
    const totals = within(dialog).getByTestId('agent-log-totals');
    expect(totals.textContent).toContain('2 messages');
    expect(totals.textContent).toContain('1,234 tokens');
    expect(totals.textContent).toContain('1,200 in, 34 out');
    const [question, answer] = within(dialog).getAllByTestId('agent-log-message');
    expect(question!.getAttribute('data-role')).toBe('user');
    expect(question!.textContent).toContain('What is 6 times 7?');
    expect(answer!.getAttribute('data-role')).toBe('assistant');
    expect(answer!.textContent).toContain('It is 42.');
    const step = within(answer!).getByTestId('tool-step');
    expect(step.getAttribute('data-name')).toBe('calculator');
    expect(step.getAttribute('data-state')).toBe('done');
    expect(step.textContent).toContain('42');
    expect(within(answer!).getByTestId('agent-log-usage').textContent).toBe(
      'Tokens: 1,200 in, 34 out · gpt-4o-mini · 1.5 s',
    );
    expect(within(dialog).queryByTestId('agent-log-delete')).toBeNull();
  });

  it('an editor deletes a conversation after confirming', async () => {
    const { network } = renderLogs('editor');
    fireEvent.click((await screen.findAllByTestId('agent-logs-row'))[0]!);
    await screen.findByTestId('agent-log-detail');
    fireEvent.click(screen.getByTestId('agent-log-delete'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    expect(await screen.findByTestId('toast-success')).toBeTruthy();
    expect(network.calls.filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual([
      '/api/agents/ag_1/conversations/cv_1',
    ]);
    expect(screen.queryByTestId('agent-log-detail')).toBeNull();
    // The list is asked again, so the deleted conversation goes.
    await waitFor(() => expect(listCalls(network.calls).length).toBeGreaterThan(1));
  });

  it('says where conversations come from while there are none, and shows a failed load', async () => {
    renderLogs('viewer', {
      'GET /api/agents/ag_1/conversations': () => ({ body: { items: [], nextCursor: null } }),
    });
    expect((await screen.findByTestId('empty-state')).textContent).toContain(
      'Conversations appear here after someone chats in the debug chat or calls the API.',
    );
    cleanup();

    renderLogs('viewer', {
      'GET /api/agents/ag_1/conversations': () => ({
        status: 503,
        body: { code: 'unavailable', message: 'the agent service is not reachable' },
      }),
    });
    expect((await screen.findByTestId('error-state')).textContent).toContain(
      'the agent service is not reachable',
    );
  });
});
