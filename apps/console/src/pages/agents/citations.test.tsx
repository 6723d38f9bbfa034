// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent, Citation } from '../../api/types.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { interpretFrame } from './chat-stream.js';

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
  tools: [],
  knowledge: { kbIds: ['kb_1'], topK: 5, scoreThreshold: 0 },
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

const citations: Citation[] = [
  { n: 2, kbId: 'kb_1', documentId: 'doc_2', documentName: 'faq.md', page: null, content: 'Refunds go to the original card.', score: 0.71 },
  { n: 1, kbId: 'kb_1', documentId: 'doc_1', documentName: 'policy.pdf', page: 4, content: 'Refunds are paid within 14 days.', score: 0.83 },
];

const frame = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const stream = [
  frame({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }], astron: { conversationId: 'cv_1' } }),
  frame({ choices: [{ index: 0, delta: { content: 'Within 14 days [1], to your card [2].' } }] }),
  frame({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
  frame({ choices: [], usage: { prompt_tokens: 50, completion_tokens: 9, total_tokens: 59 }, astron: { conversationId: 'cv_1', strategy: 'function-calling', citations } }),
  'data: [DONE]\n\n',
].join('');

describe('citations in the debug chat', () => {
  it('reads astron.citations of the final chunk, leaving out malformed entries', () => {
    const events = interpretFrame(JSON.stringify({ choices: [], astron: { conversationId: 'cv_1', citations: [...citations, { n: 3 }] } }));
    expect(events).toEqual([
      { type: 'conversation', conversationId: 'cv_1' },
      { type: 'citations', citations },
    ]);
    expect(interpretFrame(JSON.stringify({ choices: [], astron: { conversationId: 'cv_1', citations: [] } }))).toEqual([{ type: 'conversation', conversationId: 'cv_1' }]);
  });

  it('shows the numbered sources under the answer', async () => {
    const network = fakeNetwork({});
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/api/agents/ag_1/chat')) return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
      return network.fetch(input, init);
    });
    renderApp('/agents/ag_1', {
      me: meAs('editor'),
      data: [
        [keys.agent('ag_1'), agent],
        [keys.providers, { items: [], defaults: { chatModel: null, embeddingModel: null } }],
        [keys.workflows, { items: [] }],
        [keys.knowledgeBases, { items: [] }],
      ],
    });
    fireEvent.change(await screen.findByTestId('chat-input', undefined, { timeout: 5_000 }), { target: { value: 'How do refunds work?' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    const sources = await screen.findByTestId('chat-citations');
    const items = within(sources).getAllByTestId('chat-citation');
    expect(items.map((item) => item.getAttribute('data-n'))).toEqual(['1', '2']);
    expect(items[0]!.textContent).toContain('[1] policy.pdf · p. 4 · 0.83');
    expect(items[0]!.textContent).toContain('Refunds are paid within 14 days.');
    expect(items[1]!.textContent).toContain('[2] faq.md · 0.71');
    await waitFor(() => expect(screen.getByTestId('chat-usage').textContent).toContain('59'));
  });
});
