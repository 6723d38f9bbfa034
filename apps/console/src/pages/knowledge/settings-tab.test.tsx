// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Provider } from '../../api/types.js';
import { meAs, renderApp } from '../../test/render-app.js';
import { baseOf, stubNetwork } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const routes = {
  'GET /api/knowledge-bases/kb_1': () => ({ body: baseOf() }),
  'GET /api/knowledge-bases/kb_1/documents': () => ({ body: { items: [], nextCursor: null } }),
};

describe('knowledge base settings', () => {
  const provider: Provider = {
    id: 'pv_1',
    name: 'OpenAI',
    baseUrl: 'https://api.openai.com/v1',
    hasApiKey: true,
    headerNames: [],
    models: [{ id: 'text-embedding-3-small', kind: 'embedding', source: 'fetched' }],
    lastTest: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('saves the chunking and retrieval; the embedding model is fixed once chunks exist', async () => {
    const base = baseOf({ chunkCount: 40 });
    const network = stubNetwork({
      ...routes,
      'GET /api/providers': () => ({ body: { items: [provider], defaults: { chatModel: null, embeddingModel: null } } }),
      'PATCH /api/knowledge-bases/kb_1': (call) => ({ body: { ...base, ...(call.body as object), updatedAt: '2026-02-01T00:00:00Z' } }),
      'GET /api/knowledge-bases': () => ({ body: { items: [base] } }),
    });
    renderApp('/knowledge/kb_1?tab=settings', { me: meAs('editor'), data: [[keys.knowledgeBase('kb_1'), base]] });
    const model = await screen.findByTestId<HTMLSelectElement>('kb-embedding-model', undefined, { timeout: 5_000 });
    expect(model.disabled).toBe(true);
    expect(screen.getByText(/Fixed: this base has embedded chunks/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('kb-chunk-mode'), { target: { value: 'heading' } });
    fireEvent.change(screen.getByTestId('kb-maxTokens'), { target: { value: '1024' } });
    fireEvent.change(screen.getByTestId('kb-retrieval-mode'), { target: { value: 'fulltext' } });
    fireEvent.click(screen.getByTestId('kb-settings-save'));
    await waitFor(() => expect(network.calls.some((call) => call.method === 'PATCH')).toBe(true));
    expect(network.calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      name: 'Handbook',
      description: 'How we work',
      chunking: { mode: 'heading', maxTokens: 1024, overlapTokens: 64 },
      retrieval: { mode: 'fulltext', topK: 5, scoreThreshold: 0 },
    });
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
  });
});
