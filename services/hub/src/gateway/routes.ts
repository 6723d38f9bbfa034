import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '@astron/kit/http';
import { apiKeysDomain } from '../api-keys/api-keys.js';
import type { HubContext } from '../context.js';
import { authenticate } from './authenticate.js';
import { gatewayCaller, rememberCaller } from './caller.js';
import { applyRateLimit } from './rate-limit.js';
import { keepRawBody } from './raw-body.js';

/** Our public API, and the original astron-agent's workflow API (for its clients) under /workflow/v1. */
const GATEWAY_PATH = /^\/(?:v1|workflow\/v1)(?:[/?]|$)/;

export const isGatewayRequest = (request: FastifyRequest): boolean => GATEWAY_PATH.test(request.url);

/**
 * The public gateway: every /v1 (and /workflow/v1) request (whichever module declares its route) is authenticated by
 * API key and rate limited before its body is parsed; handlers read `gatewayCaller(request)`.
 */
export function gatewayRoutes(app: App, context: HubContext): void {
  const readBody = keepRawBody(context.config.service.bodyLimitBytes);
  const keys = apiKeysDomain(context);

  app.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    if (!isGatewayRequest(request)) return payload;
    const replay = await readBody(request, reply, payload);
    const caller = await authenticate(context.tenant, request);
    await applyRateLimit(context.cache, context.config.rateLimitPerMinute, caller.apiKey, reply);
    rememberCaller(request, caller);
    return replay;
  });

  app.get(
    '/v1/me',
    { schema: { tags: ['gateway'], response: { 200: z.object({ spaceId: z.string(), appId: z.string(), keyName: z.string().nullable() }) } } },
    async (request) => {
      const caller = gatewayCaller(request);
      return { spaceId: caller.spaceId, appId: caller.appId, keyName: await keys.nameOf(caller.spaceId, caller.apiKey) };
    },
  );
}
