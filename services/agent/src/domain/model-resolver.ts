import { badRequest } from '@astron/kit/errors';
import { createServiceClient } from '@astron/kit/service-client';
import { z } from 'zod';
import type { BotModelDetail } from './bot-configs.js';
import type { ModelEndpoint } from './types.js';

/** The hub's answer to POST /internal/model-endpoints/resolve (decision 0008). */
const resolvedSchema = z.object({
  baseUrl: z.string().min(1),
  apiKey: z.string().nullable().default(null),
  headers: z.record(z.string(), z.string()).default({}),
  model: z.string().min(1),
  supportsTools: z.boolean().optional(),
});

export type ModelResolver = (scope: { spaceId: string; appId: string }, plan: BotModelDetail) => Promise<ModelEndpoint>;

/**
 * How a stored bot config reaches its model. A provider reference is resolved by the hub (which alone holds
 * provider keys) for the caller's space, at every run, so a rotated key applies at once. A bare `api` is a
 * keyless endpoint (a local model server) and is used as written.
 */
export function modelResolver(options: { hubUrl: string; serviceToken: string }): ModelResolver {
  const hub = createServiceClient({ baseUrl: options.hubUrl, serviceToken: options.serviceToken, caller: 'agent', timeoutMs: 10_000 });
  return async ({ spaceId, appId }, plan) => {
    const model = plan.domain ?? '';
    if (plan.provider) {
      const answer = await hub.call<unknown>('POST', '/internal/model-endpoints/resolve', {
        body: { provider: plan.provider, model },
        on: { space: spaceId, app: appId },
      });
      const parsed = resolvedSchema.safeParse(answer);
      if (!parsed.success) throw badRequest(`the hub answered an unreadable model endpoint for provider ${plan.provider}`, undefined, 'model_not_configured');
      return { ...parsed.data, supportsTools: parsed.data.supportsTools ?? plan.support_function_call };
    }
    if (plan.api) return { baseUrl: plan.api, apiKey: null, headers: {}, model, supportsTools: plan.support_function_call === true };
    throw badRequest('model_config.plan names no provider and no api', undefined, 'model_not_configured');
  };
}
