import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import type { AgentSchema, MessagesTable } from './tables.js';

export interface ConversationRecord {
  id: string;
  spaceId: string;
  agentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredMessage {
  seq: number;
  role: string;
  content: string;
  steps: unknown[] | null;
  createdAt: Date;
}

export interface NewMessage {
  role: string;
  content: string;
  steps?: unknown[];
}

function toMessage(row: MessagesTable): StoredMessage {
  const steps = typeof row.steps === 'string' ? (JSON.parse(row.steps) as unknown) : row.steps;
  return {
    seq: Number(row.seq),
    role: row.role,
    content: row.content,
    steps: Array.isArray(steps) ? steps : null,
    createdAt: new Date(row.created_at),
  };
}

/** SQL for conversations and their messages; every statement is scoped by the caller's space. */
export function conversationsStore(db: Database<AgentSchema>) {
  const k = db.kysely;

  async function appendOnce(spaceId: string, conversationId: string, messages: NewMessage[]): Promise<void> {
    await k.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('messages')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('conversation_id', '=', conversationId)
        .executeTakeFirst();
      const start = Number(last?.seq ?? 0);
      const now = new Date();
      await trx
        .insertInto('messages')
        .values(
          messages.map((message, index) => ({
            conversation_id: conversationId,
            space_id: spaceId,
            seq: start + index + 1,
            role: message.role,
            content: message.content,
            steps: message.steps === undefined ? null : jsonValue(message.steps),
            created_at: now,
          })),
        )
        .execute();
      await trx.updateTable('conversations').set({ updated_at: now }).where('space_id', '=', spaceId).where('id', '=', conversationId).execute();
    });
  }

  return {
    async find(spaceId: string, id: string): Promise<ConversationRecord | null> {
      const row = await k.selectFrom('conversations').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      if (row === undefined) return null;
      return { id: row.id, spaceId: row.space_id, agentId: row.agent_id, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) };
    },

    /** False when the id is taken (by this space or another: ids are global). */
    async create(spaceId: string, id: string, agentId: string | null): Promise<boolean> {
      const now = new Date();
      try {
        await k.insertInto('conversations').values({ id, space_id: spaceId, agent_id: agentId, created_at: now, updated_at: now }).execute();
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async messages(spaceId: string, conversationId: string): Promise<StoredMessage[]> {
      const rows = await k
        .selectFrom('messages')
        .selectAll()
        .where('space_id', '=', spaceId)
        .where('conversation_id', '=', conversationId)
        .orderBy('seq', 'asc')
        .execute();
      return rows.map(toMessage);
    },

    /** Appends in order; writers racing for the same positions lose on the primary key and try again. */
    async append(spaceId: string, conversationId: string, messages: NewMessage[]): Promise<void> {
      if (messages.length === 0) return;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await appendOnce(spaceId, conversationId, messages);
          return;
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 5) throw error;
        }
      }
    },

    /** Deletes the conversation and its messages in one transaction. */
    async delete(spaceId: string, id: string): Promise<boolean> {
      return k.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom('conversations').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
        if (Number(result.numDeletedRows) === 0) return false;
        await trx.deleteFrom('messages').where('space_id', '=', spaceId).where('conversation_id', '=', id).execute();
        return true;
      });
    },
  };
}

export type ConversationsStore = ReturnType<typeof conversationsStore>;
