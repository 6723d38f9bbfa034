import { badRequest } from '@astron/kit/errors';
import type { Database } from '@astron/kit/db';
import type { AuditLog } from '../audit/log.js';
import { parseModelRef, readModels } from '../providers/models.js';
import { providerStore } from '../providers/store.js';
import type { HubSchema } from '../store/tables.js';
import { MODEL_SLOTS, pluginSettingsStore, type AiModels } from './settings-store.js';

export interface SettingsActing {
  spaceId: string;
  actor: { id: string; email: string };
  ip?: string;
}

/** The models a space's AI tools use: chosen per kind, the chat kind falling back to the space's default chat model. */
export function aiModelsDomain(deps: { db: Database<HubSchema>; audit: AuditLog }) {
  const settings = pluginSettingsStore(deps.db);
  const providers = providerStore(deps.db);

  async function check(spaceId: string, slot: string, reference: string): Promise<void> {
    const parsed = parseModelRef(reference);
    if (parsed === null) throw badRequest(`${slot} must read <providerId>/<model>`, [{ field: slot, message: 'must read <providerId>/<model>' }], 'validation_failed');
    const provider = await providers.find(spaceId, parsed.providerId);
    if (provider === null) throw badRequest(`${slot}: provider ${parsed.providerId} is not in this space`, [{ field: slot, message: 'unknown provider' }], 'unknown_model');
    if (!readModels(provider.models).some((model) => model.id === parsed.modelId)) {
      throw badRequest(`${slot}: provider ${provider.name} has no model ${parsed.modelId} (add it to the provider's models first)`, [{ field: slot, message: 'unknown model' }], 'unknown_model');
    }
  }

  return {
    /** What a tool run is given: the chosen models, chat defaulting to the space's default chat model. */
    async effective(spaceId: string): Promise<AiModels> {
      const models = await settings.aiModels(spaceId);
      return { ...models, chat: models.chat ?? (await providers.defaults(spaceId)).chatModel };
    },

    async set(acting: SettingsActing, input: Partial<AiModels>): Promise<void> {
      const before = await settings.aiModels(acting.spaceId);
      const after = { ...before };
      for (const slot of MODEL_SLOTS) {
        const value = input[slot];
        if (value === undefined) continue;
        if (value !== null) await check(acting.spaceId, slot, value);
        after[slot] = value;
      }
      if (MODEL_SLOTS.every((slot) => after[slot] === before[slot])) return;
      await settings.setAiModels(acting.spaceId, after);
      await deps.audit.record({
        spaceId: acting.spaceId,
        actor: acting.actor,
        action: 'plugins.ai_models_changed',
        target: { type: 'space', id: acting.spaceId },
        details: { before, after },
        ...(acting.ip === undefined ? {} : { ip: acting.ip }),
      });
    },
  };
}
