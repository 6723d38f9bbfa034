import { badRequest, conflict, notFound } from '@astron/kit/errors';
import type { BotConfigRecord, BotConfigsStore } from '../store/bot-configs-store.js';

/** The part of the original's bot config this service reads; every other field is stored as given. */
export interface BotConfigDocument {
  app_id: string;
  bot_id: string;
  model_config: {
    instruct?: string;
    plan?: BotModelDetail;
    summary?: BotModelDetail;
  };
  tool_ids?: string[];
  mcp_server_ids?: string[];
  mcp_server_urls?: string[];
  flow_ids?: string[];
  regular_config?: { match?: { repoId?: string[]; docId?: string[] } };
  [field: string]: unknown;
}

export interface BotModelDetail {
  api?: string;
  domain?: string;
  sk?: string;
  /** Ours: the id of a model provider of the space, resolved by the hub at run time. */
  provider?: string;
  support_function_call?: boolean;
  parameter?: { max_tokens?: number; temperature?: number; top_k?: number; [field: string]: unknown };
  [field: string]: unknown;
}

/**
 * Provider keys are never stored here (decision 0008): a config that carries one is refused, naming the
 * field, rather than stored with the key silently dropped.
 */
function refuseKeys(document: BotConfigDocument): void {
  for (const part of ['plan', 'summary'] as const) {
    const sk = document.model_config[part]?.sk;
    if (typeof sk === 'string' && sk !== '') {
      throw badRequest(
        `model_config.${part}.sk: the agent service does not store provider keys; name a model provider of the space in model_config.${part}.provider and the hub supplies its key at run time`,
        undefined,
        'provider_key_not_accepted',
      );
    }
  }
  const plan = document.model_config.plan;
  if (!plan?.provider && !plan?.api) {
    throw badRequest('model_config.plan needs a provider (a model provider of the space) or an api (a keyless OpenAI-compatible base URL)', undefined, 'model_not_configured');
  }
  if (!plan.domain) throw badRequest('model_config.plan.domain must name the model', undefined, 'model_not_configured');
}

/** The original core-agent's bot configs, kept per space for its /agent/v1 API. */
export function botConfigsDomain(store: BotConfigsStore) {
  async function get(spaceId: string, appId: string, botId: string): Promise<BotConfigRecord> {
    const record = await store.find(spaceId, botId);
    if (record === null || record.appId !== appId) throw notFound('bot config', botId);
    return record;
  }

  return {
    get,

    /** For the chat API, which names the bot only. */
    async find(spaceId: string, botId: string): Promise<BotConfigRecord> {
      const record = await store.find(spaceId, botId);
      if (record === null) throw notFound('bot config', botId);
      return record;
    },

    async create(spaceId: string, document: BotConfigDocument): Promise<BotConfigDocument> {
      refuseKeys(document);
      if ((await store.find(spaceId, document.bot_id)) !== null) throw conflict(`bot config ${document.bot_id} already exists; update it with PUT`);
      await store.insert(spaceId, document.bot_id, document.app_id, document);
      return document;
    },

    async update(spaceId: string, document: BotConfigDocument): Promise<BotConfigDocument> {
      refuseKeys(document);
      await get(spaceId, document.app_id, document.bot_id);
      await store.update(spaceId, document.bot_id, document);
      return document;
    },

    async remove(spaceId: string, appId: string, botId: string): Promise<void> {
      await get(spaceId, appId, botId);
      await store.delete(spaceId, botId);
    },
  };
}

export type BotConfigsDomain = ReturnType<typeof botConfigsDomain>;
