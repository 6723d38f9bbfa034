// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keys } from '../../api/queries.js';
import { meAs, renderApp } from '../../test/render-app.js';
import { baseOf, documentOf, stubNetwork, stubUploads } from './test-support.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const base = baseOf();
const file = (name: string, text: string) => new File([text], name, { type: 'text/markdown' });
const row = (name: string) => screen.getAllByTestId('document-row').find((item) => item.getAttribute('data-name') === name)!;
const statusOf = (name: string) => within(row(name)).getByTestId('document-status');

function open(routes: Parameters<typeof stubNetwork>[0] = {}, documents = [] as ReturnType<typeof documentOf>[]) {
  const network = stubNetwork({
    'GET /api/knowledge-bases/kb_1': () => ({ body: base }),
    'GET /api/knowledge-bases/kb_1/documents': () => ({ body: { items: documents, nextCursor: null } }),
    ...routes,
  });
  const view = renderApp('/knowledge/kb_1', { me: meAs('editor'), data: [[keys.knowledgeBase('kb_1'), base]] });
  return { network, view };
}

describe('documents of a knowledge base', () => {
  it('uploads dropped files one at a time with their progress, then follows ingestion to ready from the events', async () => {
    const uploads = stubUploads();
    const { network } = open({ 'GET /api/knowledge-bases/kb_1': () => ({ body: { ...base, documentCount: 1, chunkCount: 6 } }) });
    await screen.findByText('No documents yet', undefined, { timeout: 5_000 });
    fireEvent.drop(screen.getByTestId('kb-upload-zone'), { dataTransfer: { files: [file('guide.md', '# Guide'), file('faq.md', '# FAQ')] } });

    await waitFor(() => expect(uploads).toHaveLength(1));
    const [first] = uploads;
    expect(first!.method).toBe('POST');
    expect(first!.url).toBe('/api/knowledge-bases/kb_1/documents');
    expect(first!.headers['x-csrf-token']).toBe('csrf-1');
    expect(first!.withCredentials).toBe(true);
    expect((first!.body.get('file') as File).name).toBe('guide.md');
    const items = screen.getAllByTestId('upload-item');
    expect(items.map((item) => [item.getAttribute('data-name'), item.getAttribute('data-state')])).toEqual([
      ['guide.md', 'uploading'],
      ['faq.md', 'waiting'],
    ]);

    first!.progress(40, 100);
    await waitFor(() => expect(within(items[0]!).getByTestId('upload-progress').getAttribute('aria-valuenow')).toBe('40'));
    expect(items[0]!.textContent).toContain('Uploading · 40%');
    // The second file goes up only when the first is done.
    expect(uploads).toHaveLength(1);

    first!.respond(202, documentOf());
    await waitFor(() => expect(uploads).toHaveLength(2));
    expect(statusOf('guide.md').getAttribute('data-status')).toBe('queued');
    expect(screen.getAllByTestId('upload-item').map((item) => item.getAttribute('data-name'))).toEqual(['faq.md']);

    const events = network.stream;
    events.send('document', documentOf({ status: 'parsing', updatedAt: '2026-01-01T00:00:01Z' }));
    await waitFor(() => expect(statusOf('guide.md').getAttribute('data-status')).toBe('parsing'));
    events.send('document', documentOf({ status: 'embedding', chunkCount: 6, embeddedCount: 3, progress: 0.5, updatedAt: '2026-01-01T00:00:02Z' }));
    await waitFor(() => expect(within(row('guide.md')).getByTestId('document-progress-text').textContent).toBe('3 of 6 chunks embedded · 50%'));
    expect(within(row('guide.md')).getByTestId('document-progress').getAttribute('aria-valuenow')).toBe('50');
    expect(statusOf('guide.md').textContent).toContain('Embedding');

    events.send('document', documentOf({ status: 'ready', chunkCount: 6, embeddedCount: 6, progress: 1, updatedAt: '2026-01-01T00:00:03Z' }));
    await waitFor(() => expect(statusOf('guide.md').getAttribute('data-status')).toBe('ready'));
    expect(statusOf('guide.md').textContent).toBe('Ready');
    expect(within(row('guide.md')).queryByTestId('document-progress')).toBeNull();
    // A finished ingestion changes the base's counts: they are read again.
    await waitFor(() => expect(screen.getByTestId('kb-summary').textContent).toContain('1 document · 6 chunks'));

    uploads[1]!.respond(202, documentOf({ id: 'doc_2', name: 'faq.md', createdAt: '2026-01-01T00:00:05Z', updatedAt: '2026-01-01T00:00:05Z' }));
    await waitFor(() => expect(screen.getAllByTestId('document-row').map((item) => item.getAttribute('data-name'))).toEqual(['faq.md', 'guide.md']));
    expect(screen.queryByTestId('upload-item')).toBeNull();
  });

  it('shows why a document failed, and why the server refused a file', async () => {
    const uploads = stubUploads();
    const failed = documentOf({ id: 'doc_3', name: 'scan.pdf', status: 'failed', error: { code: 'empty', message: 'the PDF has no text layer' } });
    const { network } = open({}, [failed]);
    expect((await screen.findByTestId('document-error', undefined, { timeout: 5_000 })).textContent).toBe('the PDF has no text layer');

    fireEvent.change(screen.getByTestId('kb-upload-input'), { target: { files: [file('photo.exe', 'MZ')] } });
    await waitFor(() => expect(uploads).toHaveLength(1));
    uploads[0]!.respond(415, { code: 'unsupported_type', message: 'photo.exe is a Windows program, which is not a document type this base reads' });
    expect((await screen.findByTestId('upload-error')).textContent).toContain('not a document type this base reads');
    expect(screen.getByTestId('upload-item').getAttribute('data-state')).toBe('failed');
    fireEvent.click(screen.getByTestId('upload-dismiss'));
    expect(screen.queryByTestId('upload-item')).toBeNull();

    // A document that fails while you look says so too.
    network.stream.send('document', documentOf({ id: 'doc_3', name: 'scan.pdf', status: 'failed', error: { code: 'embedding_failed', message: 'the model answered 429' }, updatedAt: '2026-01-02T00:00:00Z' }));
    await waitFor(() => expect(screen.getByTestId('document-error').textContent).toBe('the model answered 429'));
  });

  it('adds pasted text and re-ingests or deletes a document', async () => {
    const ready = documentOf({ status: 'ready', chunkCount: 2, embeddedCount: 2, progress: 1 });
    const { network } = open(
      {
        'POST /api/knowledge-bases/kb_1/documents': () => ({ status: 202, body: documentOf({ id: 'doc_t', name: 'Notes', source: 'text', createdAt: '2026-01-03T00:00:00Z' }) }),
        'POST /api/knowledge-bases/kb_1/documents/doc_1/reingest': () => ({ status: 202, body: { ...ready, status: 'queued', progress: 0, updatedAt: '2026-01-02T00:00:00Z' } }),
        'DELETE /api/knowledge-bases/kb_1/documents/doc_1': () => ({ status: 204 }),
      },
      [ready],
    );
    await screen.findByTestId('document-row', undefined, { timeout: 5_000 });
    fireEvent.click(screen.getByTestId('kb-add-text'));
    fireEvent.click(await screen.findByTestId('kb-source-submit'));
    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('kb-source-name'), { target: { value: 'Notes' } });
    fireEvent.change(screen.getByTestId('kb-source-text'), { target: { value: 'Opening hours: 9 to 5.' } });
    fireEvent.click(screen.getByTestId('kb-source-submit'));
    await waitFor(() => expect(screen.queryByTestId('kb-source-dialog')).toBeNull());
    expect(network.calls.find((call) => call.method === 'POST' && call.path === '/api/knowledge-bases/kb_1/documents')?.body).toEqual({ name: 'Notes', text: 'Opening hours: 9 to 5.' });
    expect(statusOf('Notes').getAttribute('data-status')).toBe('queued');

    fireEvent.click(within(row('guide.md')).getByTestId('document-reingest'));
    await waitFor(() => expect(statusOf('guide.md').getAttribute('data-status')).toBe('queued'));
    fireEvent.click(within(row('guide.md')).getByTestId('document-delete'));
    fireEvent.click(screen.getByTestId('confirm-submit'));
    await waitFor(() => expect(screen.getAllByTestId('document-row').map((item) => item.getAttribute('data-name'))).toEqual(['Notes']));
  });

  it('previews how a file would be cut, then adds it', async () => {
    const uploads = stubUploads();
    open();
    await screen.findByText('No documents yet', undefined, { timeout: 5_000 });
    fireEvent.click(screen.getByTestId('kb-preview'));
    const dialog = await screen.findByTestId('kb-preview-dialog');
    expect(within(dialog).getByTestId<HTMLButtonElement>('kb-preview-add').disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('kb-preview-input'), { target: { files: [file('guide.md', '# Guide')] } });
    await waitFor(() => expect(uploads).toHaveLength(1));
    expect(uploads[0]!.url).toBe('/api/knowledge-bases/kb_1/documents/preview');
    uploads[0]!.respond(200, {
      type: 'markdown',
      pageCount: null,
      total: 2,
      chunks: [
        { position: 0, content: 'We open at nine.', tokens: 5, headingPath: ['Guide'], page: null },
        { position: 1, content: 'We close at five.', tokens: 5, headingPath: ['Guide'], page: null },
      ],
    });
    await waitFor(() => expect(within(dialog).getAllByTestId('kb-preview-chunk')).toHaveLength(2));
    expect(within(dialog).getByTestId('kb-preview-summary').textContent).toBe('markdown · 2 chunks, the first 2 shown');
    expect(within(dialog).getAllByTestId('kb-preview-chunk')[0]!.textContent).toContain('#1 · 5 tokens · Guide');

    fireEvent.click(within(dialog).getByTestId('kb-preview-add'));
    await waitFor(() => expect(uploads).toHaveLength(2));
    expect(uploads[1]!.url).toBe('/api/knowledge-bases/kb_1/documents');
    expect((uploads[1]!.body.get('file') as File).name).toBe('guide.md');
    expect(screen.queryByTestId('kb-preview-dialog')).toBeNull();
  });
});
