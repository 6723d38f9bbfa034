import type { FastifyRequest } from 'fastify';
import { callerSpace, serviceCaller, type App, type HttpApp } from '@astron/kit/http';
import type { BasesDomain } from '../domain/bases.js';
import type { ChunksDomain } from '../domain/chunks.js';
import type { DocumentEvents } from '../domain/document-events.js';
import type { DocumentsDomain } from '../domain/documents.js';
import type { DocumentsStore } from '../store/documents-store.js';

export interface KnowledgeRoutesContext {
  serviceToken: string;
  http: HttpApp;
  bases: BasesDomain;
  documents: DocumentsDomain;
  /** For the event stream's opening state. */
  documentsStore: DocumentsStore;
  chunks: ChunksDomain;
  events: DocumentEvents;
  limits: { maxFileBytes: number };
}

/**
 * The space of this call and who acts in it (`user:<id>`, `app:<id>`, or the calling service), from its service
 * token only: records belong to the space, the actor is kept as their creator.
 */
export function callerOf(request: FastifyRequest, context: Pick<KnowledgeRoutesContext, 'serviceToken'>): { spaceId: string; actor: string } {
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
