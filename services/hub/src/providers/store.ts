import { jsonValue, type Database } from '@astron/kit/db';
import type { HubSchema, ProvidersTable } from '../store/tables.js';
import type { ProviderModel } from './models.js';

export interface SpaceDefaults {
  chatModel: string | null;
  embeddingModel: string | null;
}

type ProviderChanges = Partial<Pick<ProvidersTable, 'name' | 'base_url' | 'api_key_sealed' | 'headers_sealed' | 'last_test_at' | 'last_test_ok' | 'last_test_message'>> & {
  models?: ProviderModel[];
};

/** SQL of model providers and of the space's default models. Every query is scoped by the space. */
export function providerStore(db: Database<HubSchema>) {
  const k = db.kysely;
  return {
    async insert(row: Omit<ProvidersTable, 'models'> & { models: ProviderModel[] }): Promise<void> {
      await k.insertInto('providers').values({ ...row, models: jsonValue(row.models) }).execute();
    },

    async find(spaceId: string, id: string): Promise<ProvidersTable | null> {
      return (await k.selectFrom('providers').selectAll().where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst()) ?? null;
    },

    async list(spaceId: string): Promise<ProvidersTable[]> {
      return k.selectFrom('providers').selectAll().where('space_id', '=', spaceId).orderBy('created_at').orderBy('id').execute();
    },

    async update(spaceId: string, id: string, changes: ProviderChanges): Promise<boolean> {
      const { models, ...columns } = changes;
      const values = { ...columns, ...(models === undefined ? {} : { models: jsonValue(models) }), updated_at: new Date() };
      const result = await k.updateTable('providers').set(values).where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Test results are not an edit: updated_at stays. */
    async recordTest(spaceId: string, id: string, test: { at: Date; ok: boolean; message: string }): Promise<void> {
      await k
        .updateTable('providers')
        .set({ last_test_at: test.at, last_test_ok: test.ok, last_test_message: test.message })
        .where('space_id', '=', spaceId)
        .where('id', '=', id)
        .execute();
    },

    async remove(spaceId: string, id: string): Promise<boolean> {
      const result = await k.deleteFrom('providers').where('space_id', '=', spaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async defaults(spaceId: string): Promise<SpaceDefaults> {
      const row = await k.selectFrom('spaces').select(['default_chat_model', 'default_embedding_model']).where('id', '=', spaceId).executeTakeFirst();
      return { chatModel: row?.default_chat_model ?? null, embeddingModel: row?.default_embedding_model ?? null };
    },

    async setDefaults(spaceId: string, defaults: SpaceDefaults): Promise<void> {
      await k
        .updateTable('spaces')
        .set({ default_chat_model: defaults.chatModel, default_embedding_model: defaults.embeddingModel, updated_at: new Date() })
        .where('id', '=', spaceId)
        .execute();
    },
  };
}

export type ProviderStore = ReturnType<typeof providerStore>;
