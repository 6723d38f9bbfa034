import type { ServiceClaims } from '@astron/kit/crypto';
import { AppError, badRequest } from '@astron/kit/errors';
import { createServiceClient } from '@astron/kit/service-client';
import { z } from 'zod';
import type { ModelEndpoint } from './types.js';

/** The hub's answer to POST /internal/model-endpoints/resolve (decision 0008). */
const resolvedSchema = z.object({
  baseUrl: z.string().min(1),
  apiKey: z.string().nullable().default(null),
  headers: z.record(z.string(), z.string()).default({}),
  model: z.string().min(1),
  supportsTools: z.boolean().optional(),
});

export type HubModelResolver = (on: Omit<ServiceClaims, 'caller'> & { space: string }, providerId: string, model: string) => Promise<ModelEndpoint>;

/**
 * Resolves a provider of the space and a model id to an endpoint, asking the hub (which alone opens provider keys)
 * at every call, so a rotated key applies at once and no key is kept by the caller.
 */
export function hubModelResolver(options: { hubUrl: string; serviceToken: string; caller: string }): HubModelResolver {
  const hub = createServiceClient({ baseUrl: options.hubUrl, serviceToken: options.serviceToken, caller: options.caller, timeoutMs: 10_000 });
  return async (on, providerId, model) => {
    let answer: unknown;
    try {
      answer = await hub.call<unknown>('POST', '/internal/model-endpoints/resolve', { body: { provider: providerId, model }, on });
    } catch (error) {
      if (error instanceof AppError && error.status === 404) {
        throw new AppError({ code: 'model_not_configured', status: 409, message: `the space has no model provider ${providerId} (it was removed?); choose another model` });
      }
      throw error;
    }
    const parsed = resolvedSchema.safeParse(answer);
    if (!parsed.success) throw badRequest(`the hub answered an unreadable model endpoint for provider ${providerId}`, undefined, 'model_not_configured');
    return parsed.data;
  };
}

/** `<providerId>/<modelId>`: the provider id has no slash, the model id may have some (vendor/model names). */
export function splitModelReference(reference: string): { providerId: string; model: string } | null {
  const slash = reference.indexOf('/');
  if (slash <= 0 || slash === reference.length - 1) return null;
  return { providerId: reference.slice(0, slash), model: reference.slice(slash + 1) };
}
