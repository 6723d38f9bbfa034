import { splitModelReference, type HubModelResolver, type ModelEndpoint } from '@astron/llm';
import { badRequest } from '@astron/kit/errors';

/** Who a tool runs for: the space from the service token, and the person or app the hub acts for. */
export interface Caller {
  spaceId: string;
  user?: string;
  app?: string;
}

/**
 * The space's models, named `<providerId>/<modelId>` and resolved through the hub at every use (decision 0008), so
 * no provider key is kept here and a rotated key applies at once.
 */
export interface AitoolsModels {
  endpoint(caller: Caller, reference: string): Promise<ModelEndpoint>;
}

function parts(reference: string): { providerId: string; model: string } {
  const split = splitModelReference(reference);
  if (split === null) throw badRequest(`model ${reference} is not <providerId>/<modelId>`, undefined, 'model_not_configured');
  return split;
}

export function hubModels(resolve: HubModelResolver): AitoolsModels {
  return {
    async endpoint(caller, reference) {
      const { providerId, model } = parts(reference);
      const on = { space: caller.spaceId, ...(caller.user === undefined ? {} : { user: caller.user }), ...(caller.app === undefined ? {} : { app: caller.app }) };
      return resolve(on, providerId, model);
    },
  };
}

/** Every provider at one endpoint, for tests and benchmarks that talk to the fake OpenAI server directly. */
export function fixedModels(baseUrl: string, apiKey: string | null): AitoolsModels {
  return {
    async endpoint(_caller, reference) {
      return { baseUrl, apiKey, headers: {}, model: parts(reference).model };
    },
  };
}
