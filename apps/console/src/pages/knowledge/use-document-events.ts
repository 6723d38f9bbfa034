import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { keys } from '../../api/queries.js';
import type { KnowledgeDocument } from '../../api/types.js';
import { runtimeConfig } from '../../config.js';
import { readSseEvents, type SseEvent } from '../../lib/sse.js';
import { dropDocument, upsertDocument } from './document-cache.js';

const MAX_DELAY_MS = 30_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function apply(queryClient: QueryClient, kbId: string, event: SseEvent): void {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  if (data === null || typeof data !== 'object' || !('id' in data) || typeof data.id !== 'string') return;
  if (event.event === 'document-deleted') {
    dropDocument(queryClient, kbId, data.id);
    return;
  }
  if (event.event !== 'document') return;
  const document = data as KnowledgeDocument;
  upsertDocument(queryClient, { ...document, kbId });
  // A finished ingestion changes the base's counts and, after a re-ingest, the document's chunks.
  if (document.status === 'ready' || document.status === 'failed') {
    void queryClient.invalidateQueries({ queryKey: keys.knowledgeBase(kbId), exact: true });
    void queryClient.invalidateQueries({ queryKey: keys.knowledgeBases, exact: true });
    void queryClient.invalidateQueries({ queryKey: keys.knowledgeChunks(kbId, document.id) });
  }
}

/**
 * Follows a base's ingestion events (GET /api/knowledge-bases/:kbId/events) while mounted and writes each
 * document's state into the documents list. A dropped stream is opened again after a growing pause; what changed
 * in between is read again with the list, since the stream opens with the documents still in progress only.
 */
export function useDocumentEvents(kbId: string, enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const url = `${runtimeConfig().apiBaseUrl}/api/knowledge-bases/${encodeURIComponent(kbId)}/events`;
    async function follow() {
      let delay = 1_000;
      let missed = false;
      while (!abort.signal.aborted) {
        try {
          const response = await fetch(url, { headers: { accept: 'text/event-stream' }, credentials: 'include', signal: abort.signal });
          // Gone, or no longer allowed: trying again would not change the answer.
          if ([401, 403, 404].includes(response.status)) return;
          if (response.ok && response.body !== null) {
            if (missed) void queryClient.invalidateQueries({ queryKey: keys.knowledgeDocuments(kbId) });
            delay = 1_000;
            await readSseEvents(response.body, (event) => apply(queryClient, kbId, event));
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        missed = true;
        await sleep(delay, abort.signal);
        delay = Math.min(MAX_DELAY_MS, delay * 2);
      }
    }
    void follow();
    return () => abort.abort();
  }, [enabled, kbId, queryClient]);
}
