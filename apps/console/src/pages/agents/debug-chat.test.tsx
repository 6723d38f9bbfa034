// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';

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
  openingMessage: 'Hi! Ask me to compute something.',
  suggestedQuestions: ['What is 6 times 7?'],
  memory: { enabled: true, maxTokens: 8000 },
  publishedVersion: null,
  publishedAt: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const stream = [
  frame({
    choices: [{ index: 0, delta: { role: 'assistant', content: '' } }],
    astron: { conversationId: 'cv_9' },
  }),
  frame({
    choices: [{ index: 0, delta: {} }],
    astron_step: { type: 'tool_call', id: 'c1', name: 'calculator', arguments: { expression: '6*7' } },
  }),
  frame({
    choices: [{ index: 0, delta: {} }],
    astron_step: { type: 'tool_result', id: 'c1', name: 'calculator', result: '42', durationMs: 2 },
  }),
  frame({ choices: [{ index: 0, delta: { content: 'It is 42.' } }] }),
  frame({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } }),
  'data: [DONE]\n\n',
].join('');

describe('debug chat', () => {
  it('streams the answer with its tool step and usage, then continues the conversation by id', async () => {
    const network = fakeNetwork({});
    const bodies: unknown[] = [];
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/api/agents/ag_1/chat')) {
        bodies.push(JSON.parse(init.body as string));
        return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
      }
      return network.fetch(input, init);
    });
    renderApp('/agents/ag_1', {
      me: meAs('editor'),
      data: [
        [keys.agent('ag_1'), agent],
        [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
      ],
    });
    expect((await screen.findByTestId('chat-opening')).textContent).toContain('Ask me to compute');
    fireEvent.click(screen.getByTestId('chat-suggestion'));
    await waitFor(() => expect(screen.getByTestId('chat-usage').textContent).toContain('14'));
    const step = screen.getByTestId('tool-step');
    expect(step.getAttribute('data-name')).toBe('calculator');
    expect(step.textContent).toContain('42');
    expect(step.textContent).toContain('2 ms');
    expect(screen.getAllByTestId('chat-message').map((message) => message.textContent)).toEqual([
      'What is 6 times 7?',
      expect.stringContaining('It is 42.'),
    ]);

    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: 'And 7 times 8?' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[0]).toEqual({ messages: [{ role: 'user', content: 'What is 6 times 7?' }] });
    expect(bodies[1]).toEqual({
      messages: [{ role: 'user', content: 'And 7 times 8?' }],
      conversationId: 'cv_9',
    });
    expect(network.calls.filter((call) => call.path === '/api/agents/ag_1/chat')).toEqual([]);
  });
});
