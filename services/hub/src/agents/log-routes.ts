import { z } from 'zod';
import { notFound } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { knowledgeService } from '../knowledge/knowledge-service.js';
import { agentService } from './agent-service.js';
import { agentsDomain } from './agents.js';
import { agentIdParams } from './schemas.js';

const tags = ['agents'];
const conversationParams = agentIdParams.extend({ conversationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -') });
const listQuery = z.object({
  source: z.enum(['debug', 'api']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

/** An agent's conversation logs (debug chat and API), kept by the agent service; the space comes from the session. */
export function agentLogRoutes(app: App, context: HubContext): void {
  const agents = agentsDomain({ ...context, knowledge: knowledgeService(context) });
  const service = agentService(context);

  /** The conversation, when it belongs to this agent of the space; anything else is the same 404. */
  async function conversationOf(spaceId: string, agentId: string, conversationId: string) {
    await agents.find(spaceId, agentId);
    const conversation = await service.conversation(spaceId, conversationId);
    if (conversation.agentId !== agentId) throw notFound('conversation', conversationId);
    return conversation;
  }

  app.get('/api/agents/:id/conversations', { schema: { tags, params: agentIdParams, querystring: listQuery } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    await agents.find(actor.spaceId, request.params.id);
    return service.conversations(actor.spaceId, request.params.id, request.query);
  });

  app.get('/api/agents/:id/conversations/:conversationId', { schema: { tags, params: conversationParams } }, async (request) => {
    const actor = await context.guard.require(request, 'resources.view');
    return conversationOf(actor.spaceId, request.params.id, request.params.conversationId);
  });

  app.delete('/api/agents/:id/conversations/:conversationId', { schema: { tags, params: conversationParams } }, async (request, reply) => {
    const actor = await context.guard.require(request, 'resources.edit');
    await conversationOf(actor.spaceId, request.params.id, request.params.conversationId);
    await service.removeConversation(actor.spaceId, request.params.conversationId);
    await context.audit.record({
      spaceId: actor.spaceId,
      actor: { id: actor.user.id, email: actor.user.email },
      action: 'agent.conversation.delete',
      target: { type: 'agent', id: request.params.id },
      details: { conversationId: request.params.conversationId },
      ...(actor.ip === undefined ? {} : { ip: actor.ip }),
    });
    return reply.status(204).send();
  });
}
