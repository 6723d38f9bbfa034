import { jsonValue, type Database } from '@astron/kit/db';
import type { AgentSchema } from './tables.js';

export interface BotConfigRecord {
  spaceId: string;
  botId: string;
  appId: string;
  config: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** SQL for the original's bot configs, scoped by space. */
export function botConfigsStore(db: Database<AgentSchema>) {
  const k = db.kysely;
  return {
    async find(spaceId: string, botId: string): Promise<BotConfigRecord | null> {
      const row = await k.selectFrom('bot_configs').selectAll().where('space_id', '=', spaceId).where('bot_id', '=', botId).executeTakeFirst();
      if (row === undefined) return null;
      const config = typeof row.config === 'string' ? (JSON.parse(row.config) as unknown) : row.config;
      return {
        spaceId: row.space_id,
        botId: row.bot_id,
        appId: row.app_id,
        config: config as Record<string, unknown>,
        createdAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
      };
    },

    async insert(spaceId: string, botId: string, appId: string, config: Record<string, unknown>): Promise<void> {
      const now = new Date();
      await k
        .insertInto('bot_configs')
        .values({ space_id: spaceId, bot_id: botId, app_id: appId, config: jsonValue(config), created_at: now, updated_at: now })
        .execute();
    },

    async update(spaceId: string, botId: string, config: Record<string, unknown>): Promise<boolean> {
      const result = await k
        .updateTable('bot_configs')
        .set({ config: jsonValue(config), updated_at: new Date() })
        .where('space_id', '=', spaceId)
        .where('bot_id', '=', botId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async delete(spaceId: string, botId: string): Promise<boolean> {
      const result = await k.deleteFrom('bot_configs').where('space_id', '=', spaceId).where('bot_id', '=', botId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type BotConfigsStore = ReturnType<typeof botConfigsStore>;
