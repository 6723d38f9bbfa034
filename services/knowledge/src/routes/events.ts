import type { App } from '@astron/kit/http';
import type { DocumentEvent } from '../domain/document-events.js';
import { IN_PROGRESS } from '../store/documents-store.js';
import { callerOf, type KnowledgeRoutesContext } from './context.js';
import { baseParams } from './schemas.js';
import { documentView } from './views.js';

/**
 * GET /knowledge/bases/:kbId/events: ingestion progress as Server-Sent Events, `event: document` with the document
 * view on every change of status or counts, `event: document-deleted` with `{id}`. It opens with the documents
 * still being ingested, so a console that connects late shows them at once. Events that arrive while that opening
 * state is read follow it, in order.
 */
export function eventRoutes(app: App, context: KnowledgeRoutesContext): void {
  app.get('/knowledge/bases/:kbId/events', { schema: { tags: ['documents'], params: baseParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    const base = await context.bases.find(spaceId, request.params.kbId);
    const stream = context.http.eventStream(request, reply);
    const send = (event: DocumentEvent) =>
      event.type === 'document' ? stream.send({ event: 'document', data: documentView(event.document) }) : stream.send({ event: 'document-deleted', data: { id: event.documentId } });
    let held: DocumentEvent[] | null = [];
    const unsubscribe = await context.events.subscribe(base.id, (event) => (held === null ? send(event) : held.push(event)));
    const closed = new Promise<void>((resolve) => stream.onClose(resolve));
    try {
      const opening = await context.documentsStore.list(spaceId, base.id, { status: IN_PROGRESS, limit: 1_000 });
      for (const document of opening.reverse()) send({ type: 'document', document });
      for (const event of held) send(event);
      held = null;
      await closed;
    } finally {
      await unsubscribe();
    }
  });
}
