import type { App } from '@astron/kit/http';
import { z } from 'zod';
import { callerOf, type AgentRoutesContext } from './context.js';
import { conversationIdSchema } from './schemas.js';

const tags = ['conversations'];
const params = z.object({ conversationId: conversationIdSchema });

/** Server-side memory, per space: another space's conversation is 404, as an unknown one. */
export function conversationRoutes(app: App, context: AgentRoutesContext): void {
  app.get('/conversations/:conversationId', { schema: { tags, params } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { conversation, messages } = await context.conversations.get(spaceId, request.params.conversationId);
    return {
      id: conversation.id,
      agentId: conversation.agentId,
      createdAt: conversation.createdAt.toISOString(),
      updatedAt: conversation.updatedAt.toISOString(),
      messages: messages.map((message) => ({
        role: message.role,
        content: message.content,
        ...(message.steps === null ? {} : { steps: message.steps }),
        createdAt: message.createdAt.toISOString(),
      })),
    };
  });

  app.delete('/conversations/:conversationId', { schema: { tags, params } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await context.conversations.remove(spaceId, request.params.conversationId);
    return reply.status(204).send();
  });
}
