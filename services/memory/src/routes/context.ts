import type { FastifyRequest } from 'fastify';
import { badRequest, payloadTooLarge } from '@astron/kit/errors';
import { callerSpace, serviceCaller, type App } from '@astron/kit/http';
import type { MemoryLimits } from '../config.js';
import type { MemoryRuntime } from '../runtime.js';

export interface MemoryRoutesContext extends MemoryRuntime {
  limits: MemoryLimits;
}

/**
 * The space of this call and who acts in it (`user:<id>`, `app:<id>`, or the calling service), from its service
 * token only: databases belong to the space, the actor is kept as their creator.
 */
export function callerOf(request: FastifyRequest, context: Pick<MemoryRoutesContext, 'serviceToken'>): { spaceId: string; actor: string } {
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

/** Room for the multipart framing and the original's form fields around the file. */
const FORM_OVERHEAD = 64 * 1024;

/** CSV files come as text/csv (our API) or in a multipart form (the original's upload_data), up to MEMORY_MAX_IMPORT_MB. */
export function acceptUploads(app: App, maxImportBytes: number): void {
  const tooLarge = () => payloadTooLarge(`the file is larger than ${Math.round(maxImportBytes / 1024 / 1024)} MB (MEMORY_MAX_IMPORT_MB)`, { limitBytes: maxImportBytes });
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: maxImportBytes }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('multipart/form-data', async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    const limit = maxImportBytes + FORM_OVERHEAD;
    if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge();
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of payload) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part;
      size += bytes.length;
      if (size > limit) throw tooLarge();
      parts.push(bytes);
    }
    return Buffer.concat(parts);
  });
}

/** A multipart body read into a FormData (Node's web Response does the parsing). */
export async function formOf(request: FastifyRequest): Promise<FormData> {
  if (!Buffer.isBuffer(request.body)) throw badRequest('expected a multipart/form-data body', undefined, 'invalid_multipart');
  try {
    return await new Response(request.body, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  } catch {
    throw badRequest('the multipart body could not be read', undefined, 'invalid_multipart');
  }
}
