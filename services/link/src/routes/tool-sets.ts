import type { App } from '@astron/kit/http';
import { callerOf, type LinkRoutesContext } from './context.js';
import { createToolSetSchema, documentQuery, testRunSchema, toolSetParams, updateToolSetSchema, versionParams } from './schemas.js';
import { toolSetSummary, toolSetView, versionSummary, versionView } from './views.js';

const tags = ['tool sets'];

/** OpenAPI tool sets of the caller's space: import, edit the draft, publish versions, test a call. The console's API. */
export function toolSetRoutes(app: App, context: LinkRoutesContext): void {
  const { toolSets, runner } = context;
  const latestOf = async (spaceId: string, id: string) => (await toolSets.versions(spaceId, id))[0]?.version ?? null;

  app.post('/link/v1/tool-sets', { schema: { tags, body: createToolSetSchema } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    const { source, ...input } = request.body;
    return reply.status(201).send(toolSetView(await toolSets.createFrom(spaceId, actor, await toolSets.read(source), input), null));
  });

  app.get('/link/v1/tool-sets', { schema: { tags } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { records, latest } = await toolSets.list(spaceId);
    return { items: records.map((record) => toolSetSummary(record, latest.get(record.id) ?? null)) };
  });

  app.get('/link/v1/tool-sets/:toolSetId', { schema: { tags, params: toolSetParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const record = await toolSets.find(spaceId, request.params.toolSetId);
    return toolSetView(record, await latestOf(spaceId, record.id));
  });

  app.patch('/link/v1/tool-sets/:toolSetId', { schema: { tags, params: toolSetParams, body: updateToolSetSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const record = await toolSets.update(spaceId, request.params.toolSetId, request.body);
    return toolSetView(record, await latestOf(spaceId, record.id));
  });

  app.delete('/link/v1/tool-sets/:toolSetId', { schema: { tags, params: toolSetParams } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await toolSets.remove(spaceId, request.params.toolSetId);
    return reply.status(204).send();
  });

  app.get('/link/v1/tool-sets/:toolSetId/document', { schema: { tags, params: toolSetParams, querystring: documentQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { toolSetId } = request.params;
    const { version } = request.query;
    return version === 'draft' ? (await toolSets.find(spaceId, toolSetId)).document : (await toolSets.version(spaceId, toolSetId, version)).document;
  });

  app.post('/link/v1/tool-sets/:toolSetId/versions', { schema: { tags, params: toolSetParams } }, async (request, reply) => {
    const { spaceId, actor } = callerOf(request, context);
    return reply.status(201).send(versionView(await toolSets.publish(spaceId, request.params.toolSetId, actor)));
  });

  app.get('/link/v1/tool-sets/:toolSetId/versions', { schema: { tags, params: toolSetParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return { items: (await toolSets.versions(spaceId, request.params.toolSetId)).map(versionSummary) };
  });

  app.get('/link/v1/tool-sets/:toolSetId/versions/:version', { schema: { tags, params: versionParams } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    return versionView(await toolSets.version(spaceId, request.params.toolSetId, request.params.version));
  });

  /** A debug call: the request as sent (secrets masked), the raw response, and the output agents would get. */
  app.post('/link/v1/tool-sets/:toolSetId/test-run', { schema: { tags, params: toolSetParams, body: testRunSchema } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { operationId, inputs, version } = request.body;
    const snapshot = await toolSets.snapshot(spaceId, request.params.toolSetId, version);
    const { result, trace } = await runner.run(snapshot, operationId, inputs);
    return { version: snapshot.version, operationId, ...trace, result };
  });
}
