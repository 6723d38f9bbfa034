import type { FastifyRequest } from 'fastify';
import { callerSpace, serviceCaller, type App, type HttpApp } from '@astron/kit/http';
import type { ServiceClaims } from '@astron/kit/crypto';
import type { AgentLimits } from '../config.js';
import type { BotConfigsDomain } from '../domain/bot-configs.js';
import type { ConversationsDomain } from '../domain/memory/conversations.js';
import type { ModelResolver } from '../domain/model-resolver.js';
import type { AgentRunner } from '../domain/run-agent.js';

export interface AgentRoutesContext {
  serviceToken: string;
  http: HttpApp;
  runner: AgentRunner;
  conversations: ConversationsDomain;
  botConfigs: BotConfigsDomain;
  resolveModel: ModelResolver;
  limits: AgentLimits;
}

/** The caller and the space every record of this call belongs to: from its signed token only. */
export function callerOf(request: FastifyRequest, context: AgentRoutesContext): { claims: ServiceClaims; spaceId: string } {
  const claims = serviceCaller(request, context.serviceToken);
  return { claims, spaceId: callerSpace(claims) };
}

const OPEN_PATHS = new Set(['/health', '/ready', '/metrics', '/openapi.json']);

/**
 * Every route but the probes answers only our own services acting in a space. Checked on request, before
 * the body is validated, so a caller without a token learns nothing about the API from validation messages.
 */
export function requireServiceToken(app: App, serviceToken: string): void {
  app.addHook('onRequest', async (request) => {
    if (!OPEN_PATHS.has(request.url.split('?')[0] ?? '')) callerSpace(serviceCaller(request, serviceToken));
  });
}
