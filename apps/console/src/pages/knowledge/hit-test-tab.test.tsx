// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { RetrievedPassage } from '../../api/types.js';
import { meAs, renderApp } from '../../test/render-app.js';
import { baseOf, stubNetwork } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const passage = (chunkId: string, changes: Partial<RetrievedPassage>): RetrievedPassage => ({
  chunkId,
  kbId: 'kb_1',
  documentId: 'doc_1',
  documentName: 'guide.md',
  content: '',
  score: 0,
  position: 0,
  page: null,
  headingPath: [],
  ...changes,
});

const routes = {
  'GET /api/knowledge-bases/kb_1': () => ({ body: baseOf() }),
  'GET /api/knowledge-bases/kb_1/documents': () => ({ body: { items: [], nextCursor: null } }),
};

describe('hit test', () => {
  it("sends the query with its settings and shows each result's why", async () => {
    const network = stubNetwork({
      ...routes,
      'POST /api/knowledge-bases/kb_1/retrieve': () => ({
        body: {
          results: [
            passage('ch_1', {
              content: 'Refunds are paid within 14 days.',
              score: 0.0325,
              page: 3,
              headingPath: ['Policies', 'Refunds'],
              explain: { vectorScore: 0.8123, vectorRank: 1, textScore: 0.41, textRank: 2, fusedScore: 0.0325, rerankScore: null },
            }),
            passage('ch_2', {
              documentName: 'faq.md',
              content: 'Ask for a refund by mail.',
              score: 0.0161,
              explain: { vectorScore: 0.7, vectorRank: 2, textScore: null, textRank: null, fusedScore: 0.0161, rerankScore: null },
            }),
          ],
        },
      }),
    });
    renderApp('/knowledge/kb_1?tab=hit-test', { me: meAs('viewer'), data: [[keys.knowledgeBase('kb_1'), baseOf({ retrieval: { mode: 'hybrid', topK: 5, scoreThreshold: 0.1, rerankModel: null } })]] });
    const query = await screen.findByTestId('hit-query', undefined, { timeout: 5_000 });
    expect(screen.getByTestId<HTMLInputElement>('hit-threshold').value).toBe('0.1');
    fireEvent.change(query, { target: { value: ' how long do refunds take? ' } });
    fireEvent.change(screen.getByTestId('hit-top-k'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('hit-submit'));

    const results = await screen.findAllByTestId('hit-result');
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({ query: 'how long do refunds take?', mode: 'hybrid', topK: 2, scoreThreshold: 0.1 });
    expect(results.map((result) => within(result).getByTestId('hit-document').textContent)).toEqual(['guide.md', 'faq.md']);
    const first = results[0]!;
    expect(first.textContent).toContain('Refunds are paid within 14 days.');
    expect(first.textContent).toContain('p. 3');
    expect(within(first).getByTestId('hit-score').textContent).toBe('score 0.033');
    expect(within(first).getByTestId('hit-explain-vector').textContent).toBe('0.812 · #1');
    expect(within(first).getByTestId('hit-explain-text').textContent).toBe('0.410 · #2');
    expect(within(first).getByTestId('hit-explain-fused').textContent).toBe('0.033');
    expect(within(first).getByTestId('hit-explain-rerank').textContent).toBe('—');
    // Found by the vector search only: the full-text figures say so.
    expect(within(results[1]!).getByTestId('hit-explain-text').textContent).toBe('—');
  });

  it('checks the numbers before searching, and says when nothing was found', async () => {
    const network = stubNetwork({ ...routes, 'POST /api/knowledge-bases/kb_1/retrieve': () => ({ body: { results: [] } }) });
    renderApp('/knowledge/kb_1?tab=hit-test', { me: meAs('viewer'), data: [[keys.knowledgeBase('kb_1'), baseOf()]] });
    fireEvent.change(await screen.findByTestId('hit-query', undefined, { timeout: 5_000 }), { target: { value: 'parking' } });
    fireEvent.change(screen.getByTestId('hit-threshold'), { target: { value: '1.5' } });
    fireEvent.click(screen.getByTestId('hit-submit'));
    expect(await screen.findByText('Enter a number from 0 to 1.')).toBeTruthy();
    expect(network.calls.filter((call) => call.method === 'POST')).toEqual([]);
    fireEvent.change(screen.getByTestId('hit-threshold'), { target: { value: '0.5' } });
    fireEvent.change(screen.getByTestId('hit-mode'), { target: { value: 'fulltext' } });
    fireEvent.click(screen.getByTestId('hit-submit'));
    expect((await screen.findByTestId('hit-none')).textContent).toBe('Nothing found above the least score.');
    expect(network.calls.find((call) => call.method === 'POST')?.body).toMatchObject({ mode: 'fulltext', scoreThreshold: 0.5 });
  });
});
