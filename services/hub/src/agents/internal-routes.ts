import { z } from 'zod';
import { callerSpace, serviceCaller, type App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { modelEndpoints } from './model-endpoints.js';

const endpointView = z.object({ baseUrl: z.string(), apiKey: z.string().nullable(), headers: z.record(z.string(), z.string()), model: z.string() });

/**
 * For our core services only (service token naming a space): the agent service's compatible bot-config API
 * names a provider of the space, and the hub alone opens its key, at every run (decision 0008).
 */
export function internalAgentRoutes(app: App, context: HubContext): void {
  const endpoints = modelEndpoints(context);

  app.post(
    '/internal/model-endpoints/resolve',
    {
      schema: {
        tags: ['internal'],
        body: z.object({ provider: z.string().min(1).max(64), model: z.string().min(1, 'must name the model').max(600) }),
        response: { 200: endpointView },
      },
      // Checked before the body is validated, so a caller without a token learns nothing from validation messages.
      onRequest: async (request) => {
        callerSpace(serviceCaller(request, context.serviceToken));
      },
    },
    async (request, reply) => {
      const spaceId = callerSpace(serviceCaller(request, context.serviceToken));
      const endpoint = await endpoints.resolve(spaceId, request.body.provider, request.body.model);
      return reply.header('cache-control', 'no-store').send(endpoint);
    },
  );
}
