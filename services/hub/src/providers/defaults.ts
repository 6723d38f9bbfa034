import { badRequest } from '@astron/kit/errors';
import type { AuditLog } from '../audit/log.js';
import { parseModelRef, readModels, type ProviderModel } from './models.js';
import type { Acting } from './providers.js';
import type { ProviderStore, SpaceDefaults } from './store.js';

export interface DefaultsInput {
  chatModel?: string | null | undefined;
  embeddingModel?: string | null | undefined;
}

const fieldKind = { chatModel: 'chat', embeddingModel: 'embedding' } as const;

/** The space's default chat and embedding models, "<providerId>/<modelId>", always naming a model that exists. */
export function defaultsDomain(store: ProviderStore, audit: AuditLog) {
  async function check(spaceId: string, field: keyof typeof fieldKind, ref: string): Promise<void> {
    const parsed = parseModelRef(ref);
    if (parsed === null) throw badRequest(`${field} must read <providerId>/<modelId>`, [{ field, message: 'must read <providerId>/<modelId>' }], 'validation_failed');
    const provider = await store.find(spaceId, parsed.providerId);
    if (provider === null) throw badRequest(`${field}: provider ${parsed.providerId} is not in this space`, [{ field, message: 'unknown provider' }], 'unknown_model');
    const model = readModels(provider.models).find((candidate) => candidate.id === parsed.modelId);
    if (model === undefined) {
      throw badRequest(`${field}: provider ${provider.name} has no model ${parsed.modelId} (add it or refresh the model list)`, [{ field, message: 'unknown model' }], 'unknown_model');
    }
    const wanted = fieldKind[field];
    if ((wanted === 'embedding') !== (model.kind === 'embedding')) {
      throw badRequest(`${field}: ${parsed.modelId} is listed as ${model.kind}; change its kind to ${wanted} first if that is wrong`, [{ field, message: `not a ${wanted} model` }], 'wrong_model_kind');
    }
  }

  async function save(acting: Acting, before: SpaceDefaults, after: SpaceDefaults, reason?: string): Promise<void> {
    await store.setDefaults(acting.spaceId, after);
    await audit.record({
      spaceId: acting.spaceId,
      actor: acting.actor,
      action: 'provider.defaults_changed',
      target: { type: 'space', id: acting.spaceId },
      details: { before, after, ...(reason === undefined ? {} : { reason }) },
      ...(acting.ip === undefined ? {} : { ip: acting.ip }),
    });
  }

  return {
    get: (spaceId: string) => store.defaults(spaceId),

    async set(acting: Acting, input: DefaultsInput): Promise<SpaceDefaults> {
      const before = await store.defaults(acting.spaceId);
      const after = { ...before };
      for (const field of ['chatModel', 'embeddingModel'] as const) {
        const value = input[field];
        if (value === undefined) continue;
        if (value !== null) await check(acting.spaceId, field, value);
        after[field] = value;
      }
      if (after.chatModel !== before.chatModel || after.embeddingModel !== before.embeddingModel) await save(acting, before, after);
      return after;
    },

    /** A default naming a model this provider no longer has (or a deleted provider) is cleared. */
    async forgetMissing(acting: Acting, providerId: string, models: ProviderModel[]): Promise<void> {
      const before = await store.defaults(acting.spaceId);
      const stillThere = (ref: string | null) => {
        const parsed = ref === null ? null : parseModelRef(ref);
        return parsed === null || parsed.providerId !== providerId || models.some((model) => model.id === parsed.modelId);
      };
      const after = {
        chatModel: stillThere(before.chatModel) ? before.chatModel : null,
        embeddingModel: stillThere(before.embeddingModel) ? before.embeddingModel : null,
      };
      if (after.chatModel !== before.chatModel || after.embeddingModel !== before.embeddingModel) {
        await save(acting, before, after, `provider ${providerId} no longer offers the model`);
      }
    },

    /** The model a connection test chats with: the space default when it is this provider's, else its first chat model. */
    async chatModelToTry(spaceId: string, providerId: string, models: ProviderModel[]): Promise<string | null> {
      const { chatModel } = await store.defaults(spaceId);
      const parsed = chatModel === null ? null : parseModelRef(chatModel);
      if (parsed !== null && parsed.providerId === providerId) return parsed.modelId;
      return models.find((model) => model.kind === 'chat')?.id ?? null;
    },

  };
}
