import type { App } from '@astron/kit/http';
import { callerOf, type KnowledgeRoutesContext } from './context.js';
import { baseParams, createBaseSchema, updateBaseSchema } from './schemas.js';
import { baseView } from './views.js';

const tags = ['knowledge bases'];

/** Knowledge bases of the caller's space: create, list, read, change settings, delete with everything in them. */
export function baseRoutes(app: App, context: KnowledgeRoutesContext): void {
  const { bases } = context;

  app.post('/knowledge/bases', { schema: { tags, body: createBaseSchema } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    return reply.status(201).send(baseView(await bases.create(spaceId, actor, request.body)));
  });

  app.get('/knowledge/bases', { schema: { tags } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return { items: (await bases.list(spaceId)).map(baseView) };
  });

  app.get('/knowledge/bases/:kbId', { schema: { tags, params: baseParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return baseView(await bases.find(spaceId, request.params.kbId));
  });

  app.patch('/knowledge/bases/:kbId', { schema: { tags, params: baseParams, body: updateBaseSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return baseView(await bases.update(spaceId, request.params.kbId, request.body));
  });

  app.delete('/knowledge/bases/:kbId', { schema: { tags, params: baseParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await bases.remove(spaceId, request.params.kbId);
    return reply.status(204).send();
  });
}
