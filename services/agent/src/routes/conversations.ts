import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { ConversationRecord, StoredMessage, TokenUsage } from '../store/conversations-store.js';
import { callerOf, type AgentRoutesContext } from './context.js';
import { conversationIdSchema } from './schemas.js';

const tags = ['conversations'];
const params = z.object({ conversationId: conversationIdSchema });
const listQuery = z.object({
  agentId: z.string().min(1).max(64),
  source: z.enum(['debug', 'api']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const usageView = (usage: TokenUsage) => ({ ...usage, totalTokens: usage.promptTokens + usage.completionTokens });

function summaryView(conversation: ConversationRecord) {
  return {
    id: conversation.id,
    agentId: conversation.agentId,
    title: conversation.title,
    source: conversation.source,
    appId: conversation.appId,
    messageCount: conversation.messageCount,
    usage: usageView(conversation.usage),
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
  };
}

function messageView(message: StoredMessage) {
  return {
    seq: message.seq,
    role: message.role,
    content: message.content,
    steps: message.steps ?? [],
    usage: message.usage === null ? null : usageView(message.usage),
    model: message.model,
    durationMs: message.durationMs,
    createdAt: message.createdAt.toISOString(),
  };
}

/** Server-side memory and the agents' conversation logs, per space: another space's conversation is 404, as an unknown one. */
export function conversationRoutes(app: App, context: AgentRoutesContext): void {
  app.get('/conversations', { schema: { tags, querystring: listQuery } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { agentId, source, limit, cursor } = request.query;
    const page = await context.conversations.list(spaceId, agentId, { limit, ...(source === undefined ? {} : { source }), ...(cursor === undefined ? {} : { cursor }) });
    return { items: page.items.map(summaryView), nextCursor: page.nextCursor };
  });

  app.get('/conversations/:conversationId', { schema: { tags, params } }, async (request) => {
    const { spaceId } = callerOf(request, context);
    const { conversation, messages } = await context.conversations.get(spaceId, request.params.conversationId);
    return { ...summaryView(conversation), messages: messages.map(messageView) };
  });

  app.delete('/conversations/:conversationId', { schema: { tags, params } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    await context.conversations.remove(spaceId, request.params.conversationId);
    return reply.status(204).send();
  });
}
