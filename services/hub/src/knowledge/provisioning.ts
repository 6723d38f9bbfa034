import { resolveSecrets } from '@astron/kit/config';
import { badRequest } from '@astron/kit/errors';
import { resolveModel } from '../agents/provisioning.js';
import type { HubConfig } from '../config.js';
import { findSpace, ownerActing, withStore } from '../providers/provisioning.js';
import { providerStore } from '../providers/store.js';

/** Where and as whom `astron kb` calls the knowledge service: the space, its owner, the embedding model, the service token. */
export interface KnowledgeTarget {
  spaceId: string;
  ownerId: string;
  /** `<providerId>/<modelId>`: the one given (provider by id or exact name), else the space's default embedding model. */
  embeddingModel: string | null;
  knowledgeUrl: string;
  serviceToken: string;
}

/**
 * `astron kb`: resolves the space (id or exact name) and the embedding model in the hub's database; the knowledge
 * service is then called directly with the platform's service token, on behalf of the space's owner.
 */
export async function knowledgeTarget(config: HubConfig, input: { space: string; embeddingModel?: string | undefined; needModel: boolean }): Promise<KnowledgeTarget> {
  return withStore(config, async (store) => {
    const space = await findSpace(store.db, input.space);
    const acting = await ownerActing(store, space);
    let embeddingModel = input.embeddingModel === undefined ? null : await resolveModel(store, space.id, input.embeddingModel, 'embedding');
    if (embeddingModel === null && input.needModel) {
      embeddingModel = (await providerStore(store.db).defaults(space.id)).embeddingModel;
      if (embeddingModel === null) throw badRequest(`space ${space.id} has no default embedding model: give --embedding-model PROVIDER/MODEL or set one (astron provider add --embedding-model)`, undefined, 'embedding_model_required');
    }
    return { spaceId: space.id, ownerId: acting.actor.id, embeddingModel, knowledgeUrl: config.knowledgeUrl, serviceToken: resolveSecrets(config.secrets, config.service.dataDir).serviceToken };
  });
}

/** Every space with its owner: `astron kb upload` finds the space of a knowledge base by asking the knowledge service in each. */
export async function knowledgeSpaces(config: HubConfig): Promise<{ spaces: { spaceId: string; ownerId: string }[]; knowledgeUrl: string; serviceToken: string }> {
  return withStore(config, async (store) => {
    const rows = await store.db.kysely.selectFrom('spaces').select(['id', 'owner_id']).orderBy('created_at').execute();
    return { spaces: rows.map((row) => ({ spaceId: row.id, ownerId: row.owner_id })), knowledgeUrl: config.knowledgeUrl, serviceToken: resolveSecrets(config.secrets, config.service.dataDir).serviceToken };
  });
}
