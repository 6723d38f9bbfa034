import { randomId } from '@astron/kit/crypto';
import { notFound } from '@astron/kit/errors';
import type { ConversationOrigin, ConversationPage, ConversationRecord, ConversationsStore, NewMessage, StoredMessage } from '../../store/conversations-store.js';
import type { ConversationSource } from '../../store/tables.js';

export interface OpenedConversation {
  id: string;
  history: StoredMessage[];
}

/** Conversations of a space: server-side memory of runs, readable and deletable by the space only. */
export function conversationsDomain(store: ConversationsStore) {
  return {
    /**
     * The conversation a run continues, created when new. A client may choose the id of a new one; an id
     * another space holds answers 404 exactly as an unknown id would, so ids reveal nothing across spaces.
     */
    async open(spaceId: string, id: string | undefined, agentId: string | null, origin: ConversationOrigin): Promise<OpenedConversation> {
      if (id === undefined) {
        const created = randomId('conv');
        await store.create(spaceId, created, agentId, origin);
        return { id: created, history: [] };
      }
      if ((await store.find(spaceId, id)) !== null) return { id, history: await store.messages(spaceId, id) };
      if (!(await store.create(spaceId, id, agentId, origin))) throw notFound('conversation', id);
      return { id, history: [] };
    },

    list(spaceId: string, agentId: string, options: { source?: ConversationSource; limit: number; cursor?: string }): Promise<ConversationPage> {
      return store.list(spaceId, agentId, options);
    },

    async get(spaceId: string, id: string): Promise<{ conversation: ConversationRecord; messages: StoredMessage[] }> {
      const conversation = await store.find(spaceId, id);
      if (conversation === null) throw notFound('conversation', id);
      return { conversation, messages: await store.messages(spaceId, id) };
    },

    async append(spaceId: string, id: string, messages: NewMessage[]): Promise<void> {
      await store.append(spaceId, id, messages);
    },

    async remove(spaceId: string, id: string): Promise<void> {
      if (!(await store.delete(spaceId, id))) throw notFound('conversation', id);
    },
  };
}

export type ConversationsDomain = ReturnType<typeof conversationsDomain>;
