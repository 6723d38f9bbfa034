// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import type { KnowledgeChunk } from '../../api/types.js';
import { meAs, renderApp } from '../../test/render-app.js';
import { baseOf, documentOf, stubNetwork } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const chunkOf = (position: number, content: string, changes: Partial<KnowledgeChunk> = {}): KnowledgeChunk => ({
  id: `ch_${position}`,
  kbId: 'kb_1',
  documentId: 'doc_1',
  position,
  content,
  tokens: 12,
  headingPath: ['Guide', 'Hours'],
  page: null,
  enabled: true,
  edited: false,
  embedded: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...changes,
});

const item = (id: string) => screen.getAllByTestId('chunk-item').find((element) => element.getAttribute('data-chunk-id') === id)!;

describe("a document's chunks", () => {
  it('pages and filters the chunks, saves an edit (re-embedded by the server) and switches one off', async () => {
    const chunks = [chunkOf(0, 'We open at nine.'), chunkOf(1, 'We close at five.')];
    const network = stubNetwork({
      'GET /api/knowledge-bases/kb_1': () => ({ body: baseOf() }),
      'GET /api/knowledge-bases/kb_1/documents': () => ({ body: { items: [documentOf({ status: 'ready', chunkCount: 2, embeddedCount: 2, progress: 1 })], nextCursor: null } }),
      'GET /api/knowledge-bases/kb_1/documents/doc_1/chunks': (call) => {
        const q = new URL(call.path, 'http://x').searchParams.get('q') ?? '';
        const items = chunks.filter((chunk) => chunk.content.includes(q));
        return { body: { items, total: items.length, offset: 0, limit: 20 } };
      },
      'PATCH /api/knowledge-bases/kb_1/documents/doc_1/chunks/ch_0': (call) => ({ body: chunkOf(0, 'We open at eight.', { edited: true, tokens: 5, ...(call.body as object) }) }),
      'PATCH /api/knowledge-bases/kb_1/documents/doc_1/chunks/ch_1': (call) => ({ body: chunkOf(1, 'We close at five.', call.body as Partial<KnowledgeChunk>) }),
    });
    renderApp('/knowledge/kb_1', { me: meAs('editor'), data: [[keys.knowledgeBase('kb_1'), baseOf()]] });
    fireEvent.click(await screen.findByTestId('document-open', undefined, { timeout: 5_000 }));
    const dialog = await screen.findByTestId('chunks-dialog');
    await waitFor(() => expect(within(dialog).getAllByTestId('chunk-item')).toHaveLength(2));
    expect(within(dialog).getByTestId('chunks-range').textContent).toBe('1–2 of 2');
    expect(item('ch_0').textContent).toContain('Guide › Hours');
    expect(network.calls.some((call) => call.path === '/api/knowledge-bases/kb_1/documents/doc_1/chunks?offset=0&limit=20')).toBe(true);

    fireEvent.change(within(dialog).getByTestId('chunks-filter'), { target: { value: 'close' } });
    fireEvent.click(within(dialog).getByTestId('chunks-filter-submit'));
    await waitFor(() => expect(within(dialog).getAllByTestId('chunk-item').map((element) => element.getAttribute('data-chunk-id'))).toEqual(['ch_1']));
    expect(network.calls.some((call) => call.path.endsWith('/chunks?offset=0&limit=20&q=close'))).toBe(true);
    fireEvent.change(within(dialog).getByTestId('chunks-filter'), { target: { value: '' } });
    fireEvent.click(within(dialog).getByTestId('chunks-filter-submit'));
    await waitFor(() => expect(within(dialog).getAllByTestId('chunk-item')).toHaveLength(2));

    fireEvent.click(within(item('ch_0')).getByTestId('chunk-edit'));
    fireEvent.change(within(item('ch_0')).getByTestId('chunk-editor'), { target: { value: 'We open at eight.' } });
    fireEvent.click(within(item('ch_0')).getByTestId('chunk-save'));
    await waitFor(() => expect(within(item('ch_0')).getByTestId('chunk-content').textContent).toBe('We open at eight.'));
    expect(item('ch_0').textContent).toContain('Edited');
    expect(network.calls.find((call) => call.method === 'PATCH' && call.path.endsWith('/chunks/ch_0'))?.body).toEqual({ content: 'We open at eight.' });

    const toggle = within(item('ch_1')).getByTestId<HTMLInputElement>('chunk-enabled');
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() => expect(item('ch_1').getAttribute('data-enabled')).toBe('false'));
    expect(within(item('ch_1')).getByTestId<HTMLInputElement>('chunk-enabled').checked).toBe(false);
    expect(network.calls.find((call) => call.method === 'PATCH' && call.path.endsWith('/chunks/ch_1'))?.body).toEqual({ enabled: false });
  });

  it('adds a chunk by hand and deletes one, reading the pages again', async () => {
    let chunks = [chunkOf(0, 'We open at nine.')];
    const network = stubNetwork({
      'GET /api/knowledge-bases/kb_1': () => ({ body: baseOf() }),
      'GET /api/knowledge-bases/kb_1/documents': () => ({ body: { items: [documentOf({ status: 'ready', chunkCount: chunks.length })], nextCursor: null } }),
      'GET /api/knowledge-bases/kb_1/documents/doc_1/chunks': () => ({ body: { items: chunks, total: chunks.length, offset: 0, limit: 20 } }),
      'POST /api/knowledge-bases/kb_1/documents/doc_1/chunks': (call) => {
        const added = chunkOf(1, (call.body as { content: string }).content, { edited: true });
        chunks = [...chunks, added];
        return { status: 201, body: added };
      },
      'DELETE /api/knowledge-bases/kb_1/documents/doc_1/chunks/ch_0': () => {
        chunks = chunks.filter((chunk) => chunk.id !== 'ch_0');
        return { status: 204 };
      },
    });
    renderApp('/knowledge/kb_1', { me: meAs('editor'), data: [[keys.knowledgeBase('kb_1'), baseOf()]] });
    fireEvent.click(await screen.findByTestId('document-open', undefined, { timeout: 5_000 }));
    const dialog = await screen.findByTestId('chunks-dialog');
    await waitFor(() => expect(within(dialog).getAllByTestId('chunk-item')).toHaveLength(1));

    fireEvent.change(within(dialog).getByTestId('chunk-add-content'), { target: { value: '  Closed on Sundays.  ' } });
    fireEvent.click(within(dialog).getByTestId('chunk-add'));
    await waitFor(() => expect(within(dialog).getAllByTestId('chunk-item')).toHaveLength(2));
    expect(network.calls.find((call) => call.method === 'POST')?.body).toEqual({ content: 'Closed on Sundays.' });

    fireEvent.click(within(item('ch_0')).getByTestId('chunk-delete'));
    fireEvent.click(await screen.findByTestId('confirm-submit'));
    await waitFor(() => expect(within(dialog).getAllByTestId('chunk-item').map((element) => element.getAttribute('data-chunk-id'))).toEqual(['ch_1']));
  });
});
