import { vi } from 'vitest';
import type { KnowledgeBase, KnowledgeDocument } from '../../api/types.js';
import { fakeNetwork } from '../../test/render-app.js';

export function baseOf(changes: Partial<KnowledgeBase> = {}): KnowledgeBase {
  return {
    id: 'kb_1',
    name: 'Handbook',
    description: 'How we work',
    backend: 'builtin',
    embeddingModel: 'pv_1/text-embedding-3-small',
    dimensions: null,
    chunking: { mode: 'recursive', maxTokens: 512, overlapTokens: 64 },
    retrieval: { mode: 'hybrid', topK: 5, scoreThreshold: 0, rerankModel: null },
    documentCount: 0,
    chunkCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...changes,
  };
}

export function documentOf(changes: Partial<KnowledgeDocument> = {}): KnowledgeDocument {
  return {
    id: 'doc_1',
    kbId: 'kb_1',
    name: 'guide.md',
    source: 'upload',
    type: 'markdown',
    sizeBytes: 2048,
    status: 'queued',
    chunkCount: 0,
    embeddedCount: 0,
    progress: 0,
    error: null,
    pageCount: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...changes,
  };
}

/** One request made through the fake XMLHttpRequest; the test decides how far its upload goes and what it answers. */
export interface FakeUpload {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: FormData;
  withCredentials: boolean;
  progress(loaded: number, total: number): void;
  respond(status: number, body: unknown): void;
}

/**
 * Stands in for XMLHttpRequest, which uploads use for their progress events (jsdom's would go to the network).
 * Every request sent is listed in `sent`, in order.
 */
export function stubUploads(): FakeUpload[] {
  const sent: FakeUpload[] = [];
  class FakeXMLHttpRequest {
    method = '';
    url = '';
    headers: Record<string, string> = {};
    withCredentials = false;
    status = 0;
    responseText = '';
    body = new FormData();
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name.toLowerCase()] = value;
    }
    abort() {
      this.onabort?.();
    }
    send(body: FormData) {
      this.body = body;
      sent.push({
        method: this.method,
        url: this.url,
        headers: this.headers,
        body,
        withCredentials: this.withCredentials,
        progress: (loaded, total) => this.upload.onprogress?.({ lengthComputable: true, loaded, total }),
        respond: (status, answer) => {
          this.status = status;
          this.responseText = JSON.stringify(answer);
          this.onload?.();
        },
      });
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);
  return sent;
}

/** A Server-Sent Events body the test writes to as it goes, like the hub relaying the knowledge service's events. */
export function eventStream() {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const body = new ReadableStream<Uint8Array>({
    start(opened) {
      controller = opened;
    },
  });
  return {
    body,
    send(event: string, data: unknown) {
      controller?.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
  };
}

/**
 * The fake network of render-app, plus the base's event stream: GET .../events answers `stream` (opened once;
 * later reconnections get an empty stream that ends).
 */
export function stubNetwork(routes: Parameters<typeof fakeNetwork>[0], stream = eventStream()) {
  const network = fakeNetwork(routes);
  let opened = 0;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/events')) {
      opened += 1;
      return new Response(opened === 1 ? stream.body : '', { headers: { 'content-type': 'text/event-stream' } });
    }
    return network.fetch(input, init);
  });
  return { ...network, stream };
}
