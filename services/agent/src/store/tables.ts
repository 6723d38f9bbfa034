import type { Generated } from 'kysely';

export interface ConversationsTable {
  id: string;
  space_id: string;
  agent_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MessagesTable {
  conversation_id: string;
  space_id: string;
  /** Position in the conversation, from 1; unique with conversation_id. */
  seq: number;
  role: string;
  content: string;
  /** The tool steps of an assistant answer (JSON), null otherwise. */
  steps: unknown;
  created_at: Date;
}

export interface BotConfigsTable {
  space_id: string;
  bot_id: string;
  app_id: string;
  /** The original's bot config document (JSON), without any provider key. */
  config: unknown;
  created_at: Date;
  updated_at: Date;
}

export interface AgentSchema {
  conversations: ConversationsTable;
  messages: MessagesTable;
  bot_configs: BotConfigsTable;
  schema_migrations: { name: string; applied_at: Generated<Date> };
}
