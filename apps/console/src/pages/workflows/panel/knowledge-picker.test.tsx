// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KnowledgeBase } from '../../../api/types.js';
import { initI18n } from '../../../i18n/index.js';
import { fakeNetwork } from '../../../test/render-app.js';
import type { DraftNode } from '../editor/draft.js';
import { editorReducer } from '../editor/editor-state.js';
import { addNode, freshState } from '../editor/test-drafts.js';
import { renderNodePanel, shownDraft } from './test-panel.js';

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
  dimensions: null,
  chunking: { mode: 'recursive', maxTokens: 512, overlapTokens: 64 },
  retrieval: { mode: 'hybrid', topK: 5, scoreThreshold: 0, rerankModel: null },
  documentCount: 0,
  chunkCount: 0,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

/** A knowledge-base node that already names a base (`kb_imported`) this space does not have. */
function renderPanel(type: 'knowledge-base' | 'knowledge-pro-base' = 'knowledge-base') {
  const network = fakeNetwork({ 'GET /api/knowledge-bases': () => ({ body: { items: [base('kb_1', 'Handbook'), base('kb_2', 'FAQ')] } }) });
  vi.stubGlobal('fetch', network.fetch);
  const { state, node } = addNode(freshState(), type);
  const withImported = editorReducer(state, {
    type: 'update-node',
    nodeId: node.id,
    update: (item: DraftNode) => ({ ...item, data: { ...item.data, nodeParam: { ...item.data.nodeParam, [type === 'knowledge-base' ? 'repoId' : 'repoIds']: ['kb_imported'] } } }),
  });
  renderNodePanel(withImported, node.id);
  return node.id;
}

const paramOf = (nodeId: string) => shownDraft().nodes.find((node) => node.id === nodeId)!.data.nodeParam;
const repoIdOf = (nodeId: string) => paramOf(nodeId).repoId;

describe('knowledge base picker of the knowledge-base node', () => {
  it("chooses the space's bases into repoId, lists an unknown id to take it out, and keeps topN and score in the form", async () => {
    const nodeId = renderPanel();
    const picker = screen.getByTestId('knowledge-picker');
    await waitFor(() => expect(within(picker).getAllByTestId('knowledge-option')).toHaveLength(2));
    expect(within(picker).getAllByTestId('knowledge-option').map((box) => box.closest('label')?.textContent)).toEqual(['Handbook', 'FAQ']);
    const unknown = within(picker).getByTestId<HTMLInputElement>('knowledge-unknown');
    expect(unknown.checked).toBe(true);
    expect(unknown.closest('label')?.textContent).toBe('kb_imported (not a knowledge base of this space)');

    const generated = within(screen.getByTestId('param-form')).getAllByTestId('param-field').map((field) => field.getAttribute('data-path'));
    expect(generated).toContain('data.nodeParam.topN');
    expect(generated).toContain('data.nodeParam.score');
    expect(generated).not.toContain('data.nodeParam.repoId');

    fireEvent.click(unknown);
    const option = (id: string) => within(picker).getAllByTestId('knowledge-option').find((box) => box.getAttribute('data-kb-id') === id)!;
    fireEvent.click(option('kb_2'));
    fireEvent.click(option('kb_1'));
    expect(repoIdOf(nodeId)).toEqual(['kb_2', 'kb_1']);
    expect(within(picker).queryByTestId('knowledge-unknown')).toBeNull();
    fireEvent.click(option('kb_2'));
    expect(repoIdOf(nodeId)).toEqual(['kb_1']);
  });

  it('is the knowledge-pro-base node\'s picker too, writing repoIds', async () => {
    const nodeId = renderPanel('knowledge-pro-base');
    const picker = screen.getByTestId('knowledge-picker');
    await waitFor(() => expect(within(picker).getAllByTestId('knowledge-option')).toHaveLength(2));
    const generated = within(screen.getByTestId('param-form')).getAllByTestId('param-field').map((field) => field.getAttribute('data-path'));
    expect(generated).toContain('data.nodeParam.repoTopK');
    expect(generated).not.toContain('data.nodeParam.repoIds');
    fireEvent.click(within(picker).getByTestId('knowledge-unknown'));
    fireEvent.click(within(picker).getAllByTestId('knowledge-option').find((box) => box.getAttribute('data-kb-id') === 'kb_1')!);
    expect(paramOf(nodeId).repoIds).toEqual(['kb_1']);
    expect(paramOf(nodeId).repoId).toBeUndefined();
  });
});
