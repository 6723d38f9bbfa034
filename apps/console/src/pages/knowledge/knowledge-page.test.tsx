// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { Provider } from '../../api/types.js';
import { meAs, renderApp } from '../../test/render-app.js';
import { baseOf, stubNetwork } from './test-support.js';

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
    { id: 'text-embedding-3-small', kind: 'embedding', source: 'fetched' },
    { id: 'text-embedding-3-large', kind: 'embedding', source: 'fetched' },
  ],
  lastTest: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const handbook = baseOf({ documentCount: 3, chunkCount: 1234 });
const faq = baseOf({ id: 'kb_2', name: 'FAQ', description: '', embeddingModel: 'pv_1/text-embedding-3-large' });

describe('knowledge bases list', () => {
  it('lists the bases with their counts and model; a viewer cannot create or delete', async () => {
    stubNetwork({});
    renderApp('/knowledge', { me: meAs('viewer'), data: [[keys.knowledgeBases, { items: [handbook, faq] }]] });
    const rows = await screen.findAllByTestId('kb-row');
    expect(rows.map((row) => row.getAttribute('data-name'))).toEqual(['Handbook', 'FAQ']);
    expect(within(rows[0]!).getByTestId('kb-documents').textContent).toBe('3');
    expect(within(rows[0]!).getByTestId('kb-chunks').textContent).toBe('1,234');
    expect(rows[1]!.textContent).toContain('pv_1/text-embedding-3-large');
    expect(screen.queryByTestId('kb-create')).toBeNull();
    expect(screen.queryByTestId('kb-delete')).toBeNull();
    expect(screen.getByTestId('nav-knowledge').closest('a')?.getAttribute('aria-current')).toBe('page');
  });

  it("creates a base with the space's default embedding model preselected, after checking the numbers", async () => {
    const network = stubNetwork({
      'GET /api/providers': () => ({ body: { items: [provider], defaults: { chatModel: null, embeddingModel: 'pv_1/text-embedding-3-large' } } }),
      'POST /api/knowledge-bases': (call) => ({ status: 201, body: baseOf({ id: 'kb_9', name: (call.body as { name: string }).name }) }),
      'GET /api/knowledge-bases': () => ({ body: { items: [] } }),
      'GET /api/knowledge-bases/kb_9/documents': () => ({ body: { items: [], nextCursor: null } }),
    });
    const { router } = renderApp('/knowledge', { me: meAs('editor'), data: [[keys.knowledgeBases, { items: [] }]] });
    fireEvent.click(await screen.findByTestId('kb-create-empty'));
    const model = await screen.findByTestId<HTMLSelectElement>('kb-embedding-model');
    expect(model.value).toBe('pv_1/text-embedding-3-large');
    expect(Array.from(model.options).map((option) => option.value)).toEqual(['pv_1/text-embedding-3-small', 'pv_1/text-embedding-3-large']);

    fireEvent.change(screen.getByTestId('kb-name'), { target: { value: 'Policies' } });
    fireEvent.change(screen.getByTestId('kb-maxTokens'), { target: { value: '256' } });
    fireEvent.change(screen.getByTestId('kb-overlapTokens'), { target: { value: '300' } });
    fireEvent.click(screen.getByTestId('kb-create-submit'));
    expect(await screen.findByText('Enter a whole number from 0 to less than the chunk size.')).toBeTruthy();
    expect(network.calls.filter((call) => call.method === 'POST')).toEqual([]);

    fireEvent.change(screen.getByTestId('kb-overlapTokens'), { target: { value: '32' } });
    fireEvent.change(screen.getByTestId('kb-chunk-mode'), { target: { value: 'separator' } });
    fireEvent.change(screen.getByTestId('kb-separator'), { target: { value: '\\n---\\n' } });
    fireEvent.change(screen.getByTestId('kb-retrieval-mode'), { target: { value: 'vector' } });
    fireEvent.change(screen.getByTestId('kb-topK'), { target: { value: '8' } });
    fireEvent.change(screen.getByTestId('kb-scoreThreshold'), { target: { value: '0.25' } });
    fireEvent.click(screen.getByTestId('kb-create-submit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/knowledge/kb_9'));
    const created = network.calls.find((call) => call.method === 'POST' && call.path === '/api/knowledge-bases');
    expect(created?.body).toEqual({
      name: 'Policies',
      description: '',
      embeddingModel: 'pv_1/text-embedding-3-large',
      chunking: { mode: 'separator', maxTokens: 256, overlapTokens: 32, separator: '\n---\n' },
      retrieval: { mode: 'vector', topK: 8, scoreThreshold: 0.25 },
    });
    expect(created?.headers['x-csrf-token']).toBe('csrf-1');
  });

  it('deletes a base after confirming', async () => {
    let items = [handbook, faq];
    const network = stubNetwork({
      'GET /api/knowledge-bases': () => ({ body: { items } }),
      'DELETE /api/knowledge-bases/kb_2': () => {
        items = [handbook];
        return { status: 204 };
      },
    });
    renderApp('/knowledge', { me: meAs('editor'), data: [[keys.knowledgeBases, { items }]] });
    const rows = await screen.findAllByTestId('kb-row');
    fireEvent.click(within(rows[1]!).getByTestId('kb-delete'));
    expect(within(screen.getByTestId('confirm-dialog')).getByText(/FAQ and its 0 documents are deleted/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('confirm-submit'));
    await waitFor(() => expect(screen.getAllByTestId('kb-row')).toHaveLength(1));
    expect(network.calls.some((call) => call.method === 'DELETE' && call.path === '/api/knowledge-bases/kb_2')).toBe(true);
  });
});
