import { isUniqueViolation, jsonValue, type Database } from '@astron/kit/db';
import type { HubSchema } from '../store/tables.js';

export const MODEL_SLOTS = ['image', 'speech', 'transcription', 'vision', 'chat'] as const;
export type ModelSlot = (typeof MODEL_SLOTS)[number];
/** The model the AI tools use for each kind of work, "<providerId>/<model>" or null. */
export type AiModels = Record<ModelSlot, string | null>;

export const NO_MODELS: AiModels = { image: null, speech: null, transcription: null, vision: null, chat: null };

function readModels(value: unknown): AiModels {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as Partial<Record<string, unknown>> | null;
  const models = { ...NO_MODELS };
  for (const slot of MODEL_SLOTS) {
    const model = parsed?.[slot];
    if (typeof model === 'string') models[slot] = model;
  }
  return models;
}

/** SQL of a space's plugin settings; every query is scoped by the space, and a space without a row has none set. */
export function pluginSettingsStore(db: Database<HubSchema>) {
  const k = db.kysely;
  const find = (spaceId: string) => k.selectFrom('space_plugin_settings').selectAll().where('space_id', '=', spaceId).executeTakeFirst();

  /**
   * Each setting is written on its own column, onto a row made first if the space has none: two first writes at
   * once (the AI models and the RPA token) both land, the loser of the insert race just updates.
   */
  async function save(spaceId: string, values: { ai_models?: AiModels; rpa_token_sealed?: string | null }): Promise<void> {
    const now = new Date();
    if ((await find(spaceId)) === undefined) {
      try {
        await k.insertInto('space_plugin_settings').values({ space_id: spaceId, ai_models: jsonValue(NO_MODELS), rpa_token_sealed: null, updated_at: now }).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    await k
      .updateTable('space_plugin_settings')
      .set({
        updated_at: now,
        ...(values.ai_models === undefined ? {} : { ai_models: jsonValue(values.ai_models) }),
        ...(values.rpa_token_sealed === undefined ? {} : { rpa_token_sealed: values.rpa_token_sealed }),
      })
      .where('space_id', '=', spaceId)
      .execute();
  }

  return {
    async aiModels(spaceId: string): Promise<AiModels> {
      const row = await find(spaceId);
      return row === undefined ? { ...NO_MODELS } : readModels(row.ai_models);
    },
    setAiModels: (spaceId: string, models: AiModels) => save(spaceId, { ai_models: models }),
    async rpaTokenSealed(spaceId: string): Promise<string | null> {
      return (await find(spaceId))?.rpa_token_sealed ?? null;
    },
    setRpaTokenSealed: (spaceId: string, sealed: string | null) => save(spaceId, { rpa_token_sealed: sealed }),
  };
}

export type PluginSettingsStore = ReturnType<typeof pluginSettingsStore>;
