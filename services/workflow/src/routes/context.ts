import type { FastifyRequest } from 'fastify';
import { forbidden } from '@astron/kit/errors';
import { callerSpace, serviceCaller, type App, type HttpApp } from '@astron/kit/http';
import type { RunOwner, RunsDomain } from '../domain/runs.js';

export interface WorkflowRoutesContext {
  serviceToken: string;
  http: HttpApp;
  runs: RunsDomain;
}

/** The space and the owner (the app of an API key, or the signed-in person) of this call: from its service token only. */
export function callerOf(request: FastifyRequest, context: WorkflowRoutesContext): { spaceId: string; owner: RunOwner } {
  const claims = serviceCaller(request, context.serviceToken);
  const spaceId = callerSpace(claims);
  if (claims.app !== undefined) return { spaceId, owner: { kind: 'app', id: claims.app } };
  if (claims.user !== undefined) return { spaceId, owner: { kind: 'user', id: claims.user } };
  throw forbidden('the service token names neither an app nor a user; runs belong to one', 'owner_required');
}

const OPEN_PATHS = new Set(['/health', '/ready', '/metrics', '/openapi.json']);

/** Every route but the probes answers only our own services acting in a space, checked before the body is read. */
export function requireServiceToken(app: App, serviceToken: string): void {
  app.addHook('onRequest', async (request) => {
    if (!OPEN_PATHS.has(request.url.split('?')[0] ?? '')) callerSpace(serviceCaller(request, serviceToken));
  });
}
