// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Agent, AgentKnowledge as Knowledge, KnowledgeBase } from '../../api/types.js';
import { initI18n } from '../../i18n/index.js';
import { fakeNetwork, meAs, renderApp } from '../../test/render-app.js';
import { AgentKnowledge } from './agent-knowledge.js';

beforeAll(() => {
  initI18n('en');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const base = (id: string, name: string): KnowledgeBase => ({
  id,
  name,
  description: '',
  backend: 'builtin',
  embeddingModel: 'pv_1/text-embedding-3-small',
  dimensions: 256,
  chunking: { mode: 'recursive', maxTokens: 512, overlapTokens: 64 },
  retrieval: { mode: 'hybrid', topK: 5, scoreThreshold: 0, rerankModel: null },
  documentCount: 2,
  chunkCount: 10,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
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
  workflows: [],
  knowledge: { kbIds: ['kb_gone'], topK: 5, scoreThreshold: 0 },
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

const boxes = () => screen.getAllByTestId<HTMLInputElement>('agent-knowledge-base');
const box = (id: string) => boxes().find((item) => item.getAttribute('data-kb-id') === id)!;

describe('knowledge bases of an agent', () => {
  it('saves the chosen bases with the passages per search and the least score', async () => {
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
        [keys.knowledgeBases, { items: [base('kb_1', 'Handbook'), base('kb_2', 'FAQ')] }],
      ],
    });
    const picker = await screen.findByTestId('agent-knowledge', undefined, { timeout: 5_000 });
    expect(boxes().map((item) => [item.getAttribute('data-kb-id'), item.checked])).toEqual([
      ['kb_1', false],
      ['kb_2', false],
      ['kb_gone', true],
    ]);
    expect(picker.textContent).toContain('kb_gone (no longer in this space)');

    fireEvent.click(box('kb_gone'));
    fireEvent.click(box('kb_2'));
    fireEvent.click(box('kb_1'));
    fireEvent.change(within(picker).getByTestId('agent-knowledge-top-k'), { target: { value: '8' } });
    fireEvent.change(within(picker).getByTestId('agent-knowledge-threshold'), { target: { value: '0.35' } });
    fireEvent.click(screen.getByTestId('agent-save'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(network.calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({
      knowledge: { kbIds: ['kb_2', 'kb_1'], topK: 8, scoreThreshold: 0.35 },
    });
  });

  it('allows at most ten bases', () => {
    const bases = Array.from({ length: 11 }, (_, index) => base(`kb_${index}`, `Base ${index}`));
    const chosen: Knowledge = { kbIds: bases.slice(0, 10).map((item) => item.id), topK: 5, scoreThreshold: 0 };
    const onChange = vi.fn();
    render(<AgentKnowledge bases={bases} value={chosen} onChange={onChange} />);
    expect(box('kb_10').disabled).toBe(true);
    expect(box('kb_0').disabled).toBe(false);
    fireEvent.click(box('kb_0'));
    expect(onChange).toHaveBeenLastCalledWith({ ...chosen, kbIds: chosen.kbIds.slice(1) });
  });
});
