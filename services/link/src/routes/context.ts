import type { FastifyRequest } from 'fastify';
import { callerSpace, serviceCaller, type App } from '@astron/kit/http';
import type { LinkRuntime } from '../runtime.js';

export type LinkRoutesContext = Pick<LinkRuntime, 'serviceToken' | 'toolSets' | 'runner' | 'mcpServers' | 'connector'>;

/**
 * The space of this call and who acts in it (`user:<id>`, `app:<id>`, or the calling service), from its service
 * token only: records belong to the space, the actor is kept as their author.
 */
export function callerOf(request: FastifyRequest, context: Pick<LinkRoutesContext, 'serviceToken'>): { spaceId: string; actor: string } {
  const claims = serviceCaller(request, context.serviceToken);
  const spaceId = callerSpace(claims);
  const actor = claims.user !== undefined ? `user:${claims.user}` : claims.app !== undefined ? `app:${claims.app}` : `service:${claims.caller}`;
  return { spaceId, actor };
}

const OPEN_PATHS = new Set(['/health', '/ready', '/metrics', '/openapi.json']);

/** Every route but the probes answers only our own services acting in a space, checked before the body is read. */
export function requireServiceToken(app: App, serviceToken: string): void {
  app.addHook('onRequest', async (request) => {
    if (!OPEN_PATHS.has(request.url.split('?')[0] ?? '')) callerSpace(serviceCaller(request, serviceToken));
  });
}
