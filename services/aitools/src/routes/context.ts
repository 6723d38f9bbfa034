import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerSpace, serviceCaller, type App } from '@astron/kit/http';
import { FILES_PATH } from '../config.js';
import type { Caller } from '../models/resolver.js';

/** The space of this call and who acts in it, from its service token only. */
export function callerOf(request: FastifyRequest, serviceToken: string): Caller {
  const claims = serviceCaller(request, serviceToken);
  const spaceId = callerSpace(claims);
  return { spaceId, ...(claims.user === undefined ? {} : { user: claims.user }), ...(claims.app === undefined ? {} : { app: claims.app }) };
}

const OPEN_PATHS = new Set(['/health', '/ready', '/metrics', '/openapi.json']);

/**
 * Every route answers only our own services acting in a space, checked before the body is read; but the probes, and
 * the stored files, which are reached by signed links that carry their own proof.
 */
export function requireServiceToken(app: App, serviceToken: string): void {
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (OPEN_PATHS.has(path) || path.startsWith(`${FILES_PATH}/`)) return;
    callerSpace(serviceCaller(request, serviceToken));
  });
}

/** Aborted when the client goes away before the answer is sent, so model calls stop with it. */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
