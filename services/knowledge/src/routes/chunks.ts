import type { App } from '@astron/kit/http';
import { callerOf, type KnowledgeRoutesContext } from './context.js';
import { addChunkSchema, chunkParams, documentParams, listChunksQuery, updateChunkSchema } from './schemas.js';
import { chunkView } from './views.js';

const tags = ['chunks'];

/** A document's chunks: browse (with a content filter), add by hand, edit or disable, delete. */
export function chunkRoutes(app: App, context: KnowledgeRoutesContext): void {
  const { chunks } = context;

  app.get('/knowledge/bases/:kbId/documents/:docId/chunks', { schema: { tags, params: documentParams, querystring: listChunksQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { offset, limit, q } = request.query;
    const page = await chunks.list(spaceId, request.params.kbId, request.params.docId, { offset, limit, ...(q === undefined ? {} : { contains: q }) });
    return { items: page.items.map(chunkView), total: page.total, offset, limit };
  });

  app.post('/knowledge/bases/:kbId/documents/:docId/chunks', { schema: { tags, params: documentParams, body: addChunkSchema } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    return reply.status(201).send(chunkView(await chunks.add(spaceId, request.params.kbId, request.params.docId, request.body.content)));
  });

  app.patch('/knowledge/bases/:kbId/documents/:docId/chunks/:chunkId', { schema: { tags, params: chunkParams, body: updateChunkSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { kbId, docId, chunkId } = request.params;
    return chunkView(await chunks.update(spaceId, kbId, docId, chunkId, request.body));
  });

  app.delete('/knowledge/bases/:kbId/documents/:docId/chunks/:chunkId', { schema: { tags, params: chunkParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    const { kbId, docId, chunkId } = request.params;
    await chunks.remove(spaceId, kbId, docId, chunkId);
    return reply.status(204).send();
  });
}
