import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import type { AgentSchema, ConversationSource, ConversationsTable, MessagesTable } from './tables.js';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ConversationRecord {
  id: string;
  spaceId: string;
  agentId: string | null;
  title: string;
  source: ConversationSource;
  appId: string | null;
  messageCount: number;
  usage: TokenUsage;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a conversation comes from: the console's debug chat, or an API call of a tenant app. */
export interface ConversationOrigin {
  source: ConversationSource;
  appId: string | null;
}

export interface StoredMessage {
  seq: number;
  role: string;
  content: string;
  steps: unknown[] | null;
  usage: TokenUsage | null;
  model: string | null;
  durationMs: number | null;
  createdAt: Date;
}

export interface NewMessage {
  role: string;
  content: string;
  steps?: unknown[];
  /** On an assistant answer: what it cost and how long it took. */
  usage?: TokenUsage;
  model?: string;
  durationMs?: number;
}

export interface ConversationPage {
  items: ConversationRecord[];
  nextCursor: string | null;
}

const TITLE_MAX_CHARS = 120;

function toMessage(row: MessagesTable): StoredMessage {
  const steps = typeof row.steps === 'string' ? (JSON.parse(row.steps) as unknown) : row.steps;
  return {
    seq: Number(row.seq),
    role: row.role,
    content: row.content,
    steps: Array.isArray(steps) ? steps : null,
    usage: row.prompt_tokens === null ? null : { promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens ?? 0) },
    model: row.model,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    createdAt: new Date(row.created_at),
  };
}

function toConversation(row: ConversationsTable): ConversationRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    agentId: row.agent_id,
    title: row.title,
    source: row.source,
    appId: row.app_id,
    messageCount: Number(row.message_count),
    usage: { promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens) },
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** Pages are keyed by (updated_at, id) of the last row shown, so new activity never repeats or skips a row. */
function encodeCursor(row: ConversationRecord): string {
  return Buffer.from(`${row.updatedAt.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const updatedAt = new Date(at ?? '');
  return id === undefined || id === '' || Number.isNaN(updatedAt.getTime()) ? null : { updatedAt, id };
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
      const prompt = messages.reduce((sum, message) => sum + (message.usage?.promptTokens ?? 0), 0);
      const completion = messages.reduce((sum, message) => sum + (message.usage?.completionTokens ?? 0), 0);
      const firstQuestion = messages.find((message) => message.role === 'user')?.content.trim().slice(0, TITLE_MAX_CHARS) ?? '';
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
            prompt_tokens: message.usage?.promptTokens ?? null,
            completion_tokens: message.usage?.completionTokens ?? null,
            model: message.model ?? null,
            duration_ms: message.durationMs === undefined ? null : Math.round(message.durationMs),
            created_at: now,
          })),
        )
        .execute();
      await trx
        .updateTable('conversations')
        .set((eb) => ({
          updated_at: now,
          message_count: eb('message_count', '+', messages.length),
          prompt_tokens: eb('prompt_tokens', '+', prompt),
          completion_tokens: eb('completion_tokens', '+', completion),
          title: eb.case().when('title', '=', '').then(firstQuestion).else(eb.ref('title')).end(),
        }))
        .where('space_id', '=', spaceId)
        .where('id', '=', conversationId)
        .execute();
    });
  }

  return {
    async find(spaceId: string, id: string): Promise<ConversationRecord | null> {
      const row = await k.selectFrom('conversations').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toConversation(row);
    },

    /** An agent's conversations, most recently active first. */
    async list(spaceId: string, agentId: string, options: { source?: ConversationSource; limit: number; cursor?: string }): Promise<ConversationPage> {
      const after = options.cursor === undefined ? null : decodeCursor(options.cursor);
      let query = k.selectFrom('conversations').selectAll().where('space_id', '=', spaceId).where('agent_id', '=', agentId).where('message_count', '>', 0);
      if (options.source !== undefined) query = query.where('source', '=', options.source);
      if (after !== null) {
        query = query.where((eb) => eb.or([eb('updated_at', '<', after.updatedAt), eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '<', after.id)])]));
      }
      const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(options.limit + 1).execute();
      const items = rows.slice(0, options.limit).map(toConversation);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > options.limit && last !== undefined ? encodeCursor(last) : null };
    },

    /** False when the id is taken (by this space or another: ids are global). */
    async create(spaceId: string, id: string, agentId: string | null, origin: ConversationOrigin): Promise<boolean> {
      const now = new Date();
      try {
        await k
          .insertInto('conversations')
          .values({ id, space_id: spaceId, agent_id: agentId, title: '', source: origin.source, app_id: origin.appId, message_count: 0, prompt_tokens: 0, completion_tokens: 0, created_at: now, updated_at: now })
          .execute();
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
