import { z } from 'zod';
import { badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { abortOnDisconnect, relayEventStream } from '../agents/agent-service.js';
import { splitModelReference } from '../agents/model-endpoints.js';
import type { Actor } from '../auth/guard.js';
import type { HubContext } from '../context.js';
import { providerStore } from '../providers/store.js';
import { knowledgeService, type KnowledgeCaller } from './knowledge-service.js';

const tags = ['knowledge'];
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');
const baseParams = z.object({ kbId: id });
const documentParams = z.object({ kbId: id, documentId: id });
const chunkParams = z.object({ kbId: id, documentId: id, chunkId: id });
const passQuery = z.record(z.string(), z.string().max(2_000));
const anyBody = z.record(z.string(), z.unknown());

const on = (actor: Actor): KnowledgeCaller => ({ space: actor.spaceId, user: actor.user.id });
const basePath = (kbId: string, rest = '') => `/knowledge/bases/${encodeURIComponent(kbId)}${rest}`;

/**
 * Knowledge bases of the session's space for the console (docs/api/console-api.md, "Knowledge"): the hub checks the
 * role and the models, the knowledge service keeps the bases, documents and chunks scoped to the space it is told.
 * Uploads (multipart/form-data, up to KNOWLEDGE_MAX_FILE_MB) are forwarded as they came.
 */
export function knowledgeConsoleRoutes(app: App, context: HubContext): void {
  const knowledge = knowledgeService(context);
  const providers = providerStore(context.db);
  const uploadLimit = context.config.knowledgeMaxFileBytes;

  /** Models named in a body must be the space's; a base without an embedding model gets the space's default. */
  async function checkedModels(actor: Actor, body: Record<string, unknown>, creating: boolean): Promise<Record<string, unknown>> {
    const next = { ...body };
    if (creating && (next.backend ?? 'builtin') === 'builtin' && (next.embeddingModel === undefined || next.embeddingModel === null)) {
      const { embeddingModel } = await providers.defaults(actor.spaceId);
      if (embeddingModel === null) throw badRequest('choose an embedding model: the space has no default embedding model (Settings → Models)', [{ field: 'embeddingModel', message: 'required' }], 'embedding_model_required');
      next.embeddingModel = embeddingModel;
    }
    const retrieval = typeof next.retrieval === 'object' && next.retrieval !== null ? (next.retrieval as Record<string, unknown>) : {};
    for (const [field, value] of [['embeddingModel', next.embeddingModel], ['retrieval.rerankModel', retrieval.rerankModel]] as const) {
      if (typeof value !== 'string') continue;
      const providerId = splitModelReference(value).providerId;
      if ((await providers.find(actor.spaceId, providerId)) === null) throw badRequest(`model ${value} names no model provider of this space`, [{ field, message: 'unknown provider' }], 'unknown_model');
    }
    return next;
  }

  const audit = (actor: Actor, action: string, target: string, details: Record<string, unknown> = {}) =>
    context.audit.record({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, action, target: { type: 'knowledge_base', id: target }, details, ...(actor.ip === undefined ? {} : { ip: actor.ip }) });

  app.get('/api/knowledge-bases', { schema: { tags } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return knowledge.call(on(actor), 'GET', '/knowledge/bases');
  });

  app.post('/api/knowledge-bases', { schema: { tags, body: anyBody } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    const created = await knowledge.call<{ id: string; name: string }>(on(actor), 'POST', '/knowledge/bases', { body: await checkedModels(actor, request.body, true) });
    await audit(actor, 'knowledge_base.created', created.id, { name: created.name });
    return reply.status(201).send(created);
  });

  app.get('/api/knowledge-bases/:kbId', { schema: { tags, params: baseParams } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return knowledge.call(on(actor), 'GET', basePath(request.params.kbId));
  });

  app.patch('/api/knowledge-bases/:kbId', { schema: { tags, params: baseParams, body: anyBody } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    const updated = await knowledge.call(on(actor), 'PATCH', basePath(request.params.kbId), { body: await checkedModels(actor, request.body, false) });
    await audit(actor, 'knowledge_base.updated', request.params.kbId, { fields: Object.keys(request.body) });
    return updated;
  });

  app.delete('/api/knowledge-bases/:kbId', { schema: { tags, params: baseParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await knowledge.call(on(actor), 'DELETE', basePath(request.params.kbId));
    await audit(actor, 'knowledge_base.deleted', request.params.kbId);
    return reply.status(204).send();
  });

  // Documents: JSON ({url} or {name, text}) or one multipart file, forwarded as it came.
  app.register(async (uploads) => {
    uploads.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: uploadLimit }, (_request, body, done) => done(null, body));
    for (const [suffix, what] of [['', 'added'], ['/preview', null]] as const) {
      uploads.post(`/api/knowledge-bases/:kbId/documents${suffix}`, { schema: { tags, params: baseParams }, bodyLimit: uploadLimit }, async (request, reply) => {
        const actor = await context.guard.require(request, 'resources.edit');
        const { kbId } = baseParams.parse(request.params);
        const contentType = request.headers['content-type'] ?? '';
        const options = Buffer.isBuffer(request.body) ? { raw: { bytes: request.body, contentType } } : { body: request.body };
        const answer = await knowledge.open(on(actor), 'POST', basePath(kbId, `/documents${suffix}`), options);
        const document = (await answer.json()) as { id?: string; name?: string };
        if (what !== null) await audit(actor, 'knowledge_document.added', kbId, { documentId: document.id, name: document.name });
        return reply.status(answer.status).send(document);
      });
    }
  });

  app.get('/api/knowledge-bases/:kbId/documents', { schema: { tags, params: baseParams, querystring: passQuery } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return knowledge.call(on(actor), 'GET', basePath(request.params.kbId, '/documents'), { query: request.query });
  });

  app.get('/api/knowledge-bases/:kbId/documents/:documentId', { schema: { tags, params: documentParams } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return knowledge.call(on(actor), 'GET', basePath(request.params.kbId, `/documents/${request.params.documentId}`));
  });

  app.delete('/api/knowledge-bases/:kbId/documents/:documentId', { schema: { tags, params: documentParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await knowledge.call(on(actor), 'DELETE', basePath(request.params.kbId, `/documents/${request.params.documentId}`));
    await audit(actor, 'knowledge_document.deleted', request.params.kbId, { documentId: request.params.documentId });
    return reply.status(204).send();
  });

  app.post('/api/knowledge-bases/:kbId/documents/:documentId/reingest', { schema: { tags, params: documentParams } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return knowledge.call(on(actor), 'POST', basePath(request.params.kbId, `/documents/${request.params.documentId}/reingest`));
  });

  app.get('/api/knowledge-bases/:kbId/events', { schema: { tags, params: baseParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.view');
    const upstream = await knowledge.open(on(actor), 'GET', basePath(request.params.kbId, '/events'), { signal: abortOnDisconnect(reply), headers: { accept: 'text/event-stream' }, timeoutMs: 24 * 3_600_000 });
    await relayEventStream(reply, upstream, String(request.id));
  });

  app.get('/api/knowledge-bases/:kbId/documents/:documentId/chunks', { schema: { tags, params: documentParams, querystring: passQuery } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return knowledge.call(on(actor), 'GET', basePath(request.params.kbId, `/documents/${request.params.documentId}/chunks`), { query: request.query });
  });

  app.post('/api/knowledge-bases/:kbId/documents/:documentId/chunks', { schema: { tags, params: documentParams, body: anyBody } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return reply.status(201).send(await knowledge.call(on(actor), 'POST', basePath(request.params.kbId, `/documents/${request.params.documentId}/chunks`), { body: request.body }));
  });

  const chunkPath = (params: z.infer<typeof chunkParams>) => basePath(params.kbId, `/documents/${params.documentId}/chunks/${params.chunkId}`);

  app.patch('/api/knowledge-bases/:kbId/documents/:documentId/chunks/:chunkId', { schema: { tags, params: chunkParams, body: anyBody } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return knowledge.call(on(actor), 'PATCH', chunkPath(request.params), { body: request.body });
  });

  app.delete('/api/knowledge-bases/:kbId/documents/:documentId/chunks/:chunkId', { schema: { tags, params: chunkParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await knowledge.call(on(actor), 'DELETE', chunkPath(request.params));
    return reply.status(204).send();
  });

  // The hit test: what a query retrieves from this base and why (vector, text and fused ranks).
  app.post('/api/knowledge-bases/:kbId/retrieve', { schema: { tags, params: baseParams, body: anyBody } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return knowledge.call(on(actor), 'POST', '/knowledge/retrieve', { body: { ...request.body, kbIds: [request.params.kbId], explain: true } });
  });
}
