import { z } from 'zod';
import { badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import type { Actor } from '../auth/guard.js';
import type { HubContext } from '../context.js';
import { knowledgeService } from '../knowledge/knowledge-service.js';
import { abortOnDisconnect, agentService, relayEventStream } from './agent-service.js';
import { agentsDomain, readDraft, type AgentActing } from './agents.js';
import { modelEndpoints, splitModelReference } from './model-endpoints.js';
import { pluginTools } from './plugin-tools.js';
import { runTools } from './run-tools.js';
import { agentIdParams, agentView, chatRequestSchema, createAgentSchema, draftChangesSchema, exportFileSchema, versionView } from './schemas.js';

const tags = ['agents'];

const acting = (actor: Actor): AgentActing => ({ spaceId: actor.spaceId, actor: { id: actor.user.id, email: actor.user.email }, ip: actor.ip });

/** Agents of the session's space (docs/api/console-api.md, "Agents"). */
export function agentConsoleRoutes(app: App, context: HubContext): void {
  const agents = agentsDomain({ ...context, knowledge: knowledgeService(context), plugins: pluginTools(context) });
  const endpoints = modelEndpoints(context);
  const runs = agentService(context);
  const tools = runTools(context);

  app.get('/api/agents', { schema: { tags, response: { 200: z.object({ items: z.array(agentView) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return { items: await agents.list(actor.spaceId) };
  });

  app.post('/api/agents', { schema: { tags, body: createAgentSchema, response: { 201: agentView } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return reply.status(201).send(await agents.create(acting(actor), request.body));
  });

  app.post('/api/agents/import', { schema: { tags, body: exportFileSchema, response: { 201: z.object({ agent: agentView, warnings: z.array(z.string()) }) } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return reply.status(201).send(await agents.importFile(acting(actor), request.body.agent));
  });

  app.get('/api/agents/:id', { schema: { tags, params: agentIdParams, response: { 200: agentView } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return agents.get(actor.spaceId, request.params.id);
  });

  app.patch('/api/agents/:id', { schema: { tags, params: agentIdParams, body: draftChangesSchema, response: { 200: agentView } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return agents.update(acting(actor), request.params.id, request.body);
  });

  app.delete('/api/agents/:id', { schema: { tags, params: agentIdParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await agents.remove(acting(actor), request.params.id);
    return reply.status(204).send();
  });

  app.post('/api/agents/:id/publish', { schema: { tags, params: agentIdParams, response: { 200: z.object({ version: z.number(), publishedAt: z.string() }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.edit');
    return agents.publish(acting(actor), request.params.id);
  });

  app.get('/api/agents/:id/versions', { schema: { tags, params: agentIdParams, response: { 200: z.object({ items: z.array(versionView) }) } } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return { items: await agents.versions(actor.spaceId, request.params.id) };
  });

  app.post(
    '/api/agents/:id/rollback',
    { schema: { tags, params: agentIdParams, body: z.object({ version: z.number().int().min(1) }), response: { 200: agentView } } },
    async (request) => {
      const actor = await context.guard.require(request, 'resources.edit');
      return agents.rollback(acting(actor), request.params.id, request.body.version);
    },
  );

  app.get('/api/agents/:id/export', { schema: { tags, params: agentIdParams, response: { 200: exportFileSchema } } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.view');
    const file = await agents.exportFile(actor.spaceId, request.params.id);
    const name = file.agent.name.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 64) || 'agent';
    return reply.header('content-disposition', `attachment; filename="${name}.agent.json"`).send(file);
  });

  // The debug chat runs the draft, so what one edits is what one tries; the answer streams as the agent service makes it.
  app.post('/api/agents/:id/chat', { schema: { tags, params: agentIdParams, body: chatRequestSchema } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    const row = await agents.find(actor.spaceId, request.params.id);
    const draft = readDraft(row.draft);
    if (draft.model === null) throw badRequest('choose a model for this agent first', [{ field: 'model', message: 'required to chat' }], 'model_required');
    const { providerId, model } = splitModelReference(draft.model);
    const endpoint = await endpoints.resolve(actor.spaceId, providerId, model);
    const upstream = await runs.run(
      { space: actor.spaceId, user: actor.user.id },
      { agentId: row.id, draft, endpoint, messages: request.body.messages, conversationId: request.body.conversationId, variables: request.body.variables, stream: true, resolvedTools: await tools.resolve(actor.spaceId, draft) },
      abortOnDisconnect(reply),
    );
    await relayEventStream(reply, upstream, String(request.id));
  });
}
