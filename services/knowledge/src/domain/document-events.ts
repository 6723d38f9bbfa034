import type { Logger } from '@astron/kit/log';
import type { PubSub, Unsubscribe } from '@astron/kit/pubsub';
import type { DocumentRecord } from '../store/documents-store.js';

/** What readers of a knowledge base's events hear: a document's new state, or that it is gone. */
export type DocumentEvent = { type: 'document'; document: DocumentRecord } | { type: 'document-deleted'; documentId: string };

const channel = (kbId: string) => `knowledge-kb.${kbId}`;

/**
 * Ingestion progress of a knowledge base, for every instance's SSE readers (Redis pub/sub in distributed mode).
 * Nothing is kept: a reader that connects late starts from the documents' current state (routes/events.ts).
 */
export function documentEvents(pubsub: PubSub, logger: Logger) {
  return {
    /** Never fails the change it reports: a lost notification costs a progress update, not the document. */
    async publish(kbId: string, event: DocumentEvent): Promise<void> {
      await pubsub.publish(channel(kbId), JSON.stringify(event)).catch((error: unknown) => logger.warn({ err: error, kbId }, 'could not publish a document event'));
    },

    async subscribe(kbId: string, listener: (event: DocumentEvent) => void): Promise<Unsubscribe> {
      return pubsub.subscribe(channel(kbId), (message) => {
        const event = JSON.parse(message) as DocumentEvent;
        if (event.type === 'document') event.document = revive(event.document);
        listener(event);
      });
    },
  };
}

function revive(document: DocumentRecord): DocumentRecord {
  return { ...document, createdAt: new Date(document.createdAt), updatedAt: new Date(document.updatedAt) };
}

export type DocumentEvents = ReturnType<typeof documentEvents>;
