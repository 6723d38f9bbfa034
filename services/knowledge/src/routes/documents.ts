import { badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import type { DocumentRecord } from '../store/documents-store.js';
import { callerOf, type KnowledgeRoutesContext } from './context.js';
import { readDocumentRequest } from './document-input.js';
import { baseParams, documentJsonSchema, documentParams, listDocumentsQuery, previewJsonSchema } from './schemas.js';
import { documentView, previewView } from './views.js';

const tags = ['documents'];

function encodeCursor(document: DocumentRecord): string {
  return Buffer.from(`${document.createdAt.toISOString()}|${document.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  if (id === undefined || id === '' || Number.isNaN(createdAt.getTime())) throw badRequest('cursor is not one this API gave out', undefined, 'invalid_cursor');
  return { createdAt, id };
}

/**
 * Documents of a base: add (a multipart file, a URL, or text), preview the chunks without storing, list, read,
 * delete, ingest again. Bodies up to the file limit are accepted on the two routes that take documents.
 */
export function documentRoutes(app: App, context: KnowledgeRoutesContext): void {
  const { documents } = context;
  // JSON text may be escaped to twice its size; multipart bodies are limited by their own parser.
  const bodyLimit = context.limits.maxFileBytes * 2 + 64 * 1024;

  app.post('/knowledge/bases/:kbId/documents', { bodyLimit, schema: { tags, params: baseParams } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    const { input } = await readDocumentRequest(request, documentJsonSchema);
    return reply.status(202).send(documentView(await documents.add(spaceId, request.params.kbId, actor, input)));
  });

  app.post('/knowledge/bases/:kbId/documents/preview', { bodyLimit, schema: { tags, params: baseParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { input, chunking } = await readDocumentRequest(request, previewJsonSchema);
    return previewView(await documents.preview(spaceId, request.params.kbId, input, chunking));
  });

  app.get('/knowledge/bases/:kbId/documents', { schema: { tags, params: baseParams, querystring: listDocumentsQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { status, limit, cursor } = request.query;
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    const items = await documents.list(spaceId, request.params.kbId, { limit: limit + 1, ...(status === undefined ? {} : { status: [status] }), ...(before === undefined ? {} : { before }) });
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(documentView), nextCursor: items.length > limit && last !== undefined ? encodeCursor(last) : null };
  });

  app.get('/knowledge/bases/:kbId/documents/:docId', { schema: { tags, params: documentParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return documentView(await documents.find(spaceId, request.params.kbId, request.params.docId));
  });

  app.delete('/knowledge/bases/:kbId/documents/:docId', { schema: { tags, params: documentParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await documents.remove(spaceId, request.params.kbId, request.params.docId);
    return reply.status(204).send();
  });

  app.post('/knowledge/bases/:kbId/documents/:docId/reingest', { schema: { tags, params: documentParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    return reply.status(202).send(documentView(await documents.reingest(spaceId, request.params.kbId, request.params.docId)));
  });
}
