import type { Keyring } from '@astron/kit/crypto';
import type { Database } from '@astron/kit/db';
import { AppError } from '@astron/kit/errors';
import { openEndpoint } from '../providers/secrets.js';
import { providerStore } from '../providers/store.js';
import type { HubSchema } from '../store/tables.js';

/** What the agent service needs to call a model (decision 0008): the only way a provider key leaves the hub. */
export interface ModelEndpoint {
  baseUrl: string;
  apiKey: string | null;
  headers: Record<string, string>;
  model: string;
}

export function splitModelReference(reference: string): { providerId: string; model: string } {
  const slash = reference.indexOf('/');
  return { providerId: reference.slice(0, slash), model: reference.slice(slash + 1) };
}

/** Resolves a provider of a space and opens its sealed key and headers for one run. */
export function modelEndpoints(deps: { db: Database<HubSchema>; keyring: Keyring }) {
  const providers = providerStore(deps.db);
  return {
    /** True when the provider belongs to the space (for checking a draft's model). */
    async exists(spaceId: string, providerId: string): Promise<boolean> {
      return (await providers.find(spaceId, providerId)) !== null;
    },

    /** 404 `provider_not_found` for another space's provider or an unknown one: the same answer, so ids reveal nothing. */
    async resolve(spaceId: string, providerId: string, model: string): Promise<ModelEndpoint> {
      const row = await providers.find(spaceId, providerId);
      if (row === null) throw new AppError({ code: 'provider_not_found', status: 404, message: `no model provider ${providerId} in this space` });
      return { ...openEndpoint(deps.keyring, row), model };
    },
  };
}

export type ModelEndpoints = ReturnType<typeof modelEndpoints>;
