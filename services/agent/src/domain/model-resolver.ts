import { badRequest } from '@astron/kit/errors';
import { hubModelResolver } from '@astron/llm';
import type { BotModelDetail } from './bot-configs.js';
import type { ModelEndpoint } from './types.js';

export type ModelResolver = (scope: { spaceId: string; appId: string }, plan: BotModelDetail) => Promise<ModelEndpoint>;

/**
 * How a stored bot config reaches its model. A provider reference is resolved by the hub (which alone holds
 * provider keys) for the caller's space, at every run, so a rotated key applies at once. A bare `api` is a
 * keyless endpoint (a local model server) and is used as written.
 */
export function modelResolver(options: { hubUrl: string; serviceToken: string }): ModelResolver {
  const resolve = hubModelResolver({ ...options, caller: 'agent' });
  return async ({ spaceId, appId }, plan) => {
    const model = plan.domain ?? '';
    if (plan.provider) {
      const endpoint = await resolve({ space: spaceId, app: appId }, plan.provider, model);
      return { ...endpoint, supportsTools: endpoint.supportsTools ?? plan.support_function_call };
    }
    if (plan.api) return { baseUrl: plan.api, apiKey: null, headers: {}, model, supportsTools: plan.support_function_call === true };
    throw badRequest('model_config.plan names no provider and no api', undefined, 'model_not_configured');
  };
}
