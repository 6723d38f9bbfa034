import type { FastifyRequest } from 'fastify';
import { unauthorized } from '@astron/kit/errors';
import { callerSpace, serviceCaller, type App, type HttpApp } from '@astron/kit/http';
import type { TasksDomain } from '../domain/tasks.js';

export interface RpaRoutesContext {
  serviceToken: string;
  http: HttpApp;
  tasks: TasksDomain;
  /** SSE keep-alive comments (XIAOWU_RPA_PING_INTERVAL). */
  pingIntervalMs: number;
}

/** The header that carries the user's RPA platform token: Authorization already carries our service token. */
export const PLATFORM_TOKEN_HEADER = 'x-rpa-authorization';

/**
 * The space of this call and who acts in it (`user:<id>`, `app:<id>`, or the calling service), from its service
 * token only: tasks belong to the space, the actor is kept as who ran them.
 */
export function callerOf(request: FastifyRequest, context: Pick<RpaRoutesContext, 'serviceToken'>): { spaceId: string; actor: string } {
  const claims = serviceCaller(request, context.serviceToken);
  const spaceId = callerSpace(claims);
  const actor = claims.user !== undefined ? `user:${claims.user}` : claims.app !== undefined ? `app:${claims.app}` : `service:${claims.caller}`;
  return { spaceId, actor };
}

/** The user's RPA platform token, with or without `Bearer ` as the original takes its Authorization header. */
export function platformTokenOf(request: FastifyRequest): string {
  const header = request.headers[PLATFORM_TOKEN_HEADER];
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  const token = value.startsWith('Bearer ') ? value.slice(7).trim() : value;
  if (token === '') {
    throw unauthorized(
      `the RPA platform token is missing: send it as ${PLATFORM_TOKEN_HEADER}: Bearer <token> (Authorization carries the service token)`,
      'rpa_token_missing',
    );
  }
  return token;
}

const OPEN_PATHS = new Set(['/health', '/ready', '/metrics', '/openapi.json']);

/** Every route but the probes answers only our own services acting in a space, checked before the body is read. */
export function requireServiceToken(app: App, serviceToken: string): void {
  app.addHook('onRequest', async (request) => {
    if (!OPEN_PATHS.has(request.url.split('?')[0] ?? '')) callerSpace(serviceCaller(request, serviceToken));
  });
}
