import type { Generated } from 'kysely';

export interface ConversationsTable {
  id: string;
  space_id: string;
  agent_id: string | null;
  /** The first user message, cut to 120 characters; '' until there is one. */
  title: string;
  source: ConversationSource;
  /** The tenant app of an API call; null for the console's debug chat. */
  app_id: string | null;
  message_count: number;
  prompt_tokens: number | string;
  completion_tokens: number | string;
  created_at: Date;
  updated_at: Date;
}

export type ConversationSource = 'debug' | 'api';

export interface MessagesTable {
  conversation_id: string;
  space_id: string;
  /** Position in the conversation, from 1; unique with conversation_id. */
  seq: number;
  role: string;
  content: string;
  /** The tool steps of an assistant answer (JSON), null otherwise. */
  steps: unknown;
  /** Usage, model and duration of an assistant answer; null on other messages. */
  prompt_tokens: number | null;
  completion_tokens: number | null;
  model: string | null;
  duration_ms: number | null;
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
