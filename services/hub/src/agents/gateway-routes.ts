import { z } from 'zod';
import { AppError, badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { knowledgeService } from '../knowledge/knowledge-service.js';
import { gatewayCaller } from '../gateway/caller.js';
import { isGatewayRequest } from '../gateway/routes.js';
import { abortOnDisconnect, agentService, relayEventStream } from './agent-service.js';
import { agentsDomain, readDraft } from './agents.js';
import { modelEndpoints, splitModelReference } from './model-endpoints.js';
import { runTools } from './run-tools.js';
import { openaiErrorShape } from './openai-errors.js';
import type { ChatTurn } from './schemas.js';
import { agentStore } from './store.js';

const tags = ['gateway'];

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

/** OpenAI's request, loosely: fields we do not use are accepted and ignored, as OpenAI-compatible servers do. */
const completionRequest = z.looseObject({
  model: z.string().min(1).max(200),
  messages: z
    .array(z.looseObject({ role: z.string(), content: z.union([z.string(), z.array(contentPart), z.null()]).optional() }))
    .min(1, 'must hold at least the user message')
    .max(1_000),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  conversation_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -').nullish(),
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
});

type CompletionRequest = z.infer<typeof completionRequest>;

const ROLES: Record<string, ChatTurn['role']> = { system: 'system', developer: 'system', user: 'user', assistant: 'assistant' };

/** Text parts joined; images and audio are not something the agents take yet. */
function turns(messages: CompletionRequest['messages']): ChatTurn[] {
  return messages.map((message, index) => {
    const role = ROLES[message.role];
    if (role === undefined) throw badRequest(`messages[${index}].role ${message.role} is not supported; use system, developer, user or assistant`, undefined, 'unsupported_message_role');
    const content = typeof message.content === 'string' ? message.content : (message.content ?? []).map((part) => part.text ?? '').join('');
    return { role, content };
  });
}

const modelNotFound = (model: string) =>
  new AppError({ code: 'model_not_found', status: 404, message: `The model ${model} does not exist or is not published in this space` });

/** The OpenAI-compatible public API: a published agent of the key's space is the "model" (decision 0008). */
export function agentGatewayRoutes(app: App, context: HubContext): void {
  const agents = agentsDomain({ ...context, knowledge: knowledgeService(context) });
  const store = agentStore(context.db);
  const endpoints = modelEndpoints(context);
  const runs = agentService(context);
  const tools = runTools(context);
  openaiErrorShape(app, isGatewayRequest);

  app.get('/v1/models', { schema: { tags } }, async (request) => {
    const caller = gatewayCaller(request);
    const rows = await agents.listPublished(caller.spaceId);
    const data = rows.map((row) => ({
      id: row.id,
      object: 'model' as const,
      created: Math.floor((row.published_at ?? row.created_at).getTime() / 1000),
      owned_by: caller.spaceId,
      name: row.name,
      alias: row.alias,
      version: Number(row.published_version),
    }));
    return { object: 'list' as const, data };
  });

  app.post('/v1/chat/completions', { schema: { tags, body: completionRequest } }, async (request, reply) => {
    const caller = gatewayCaller(request);
    const body = request.body;
    const row = await store.findByModel(caller.spaceId, body.model);
    if (row?.published_version === null || row?.published_version === undefined) throw modelNotFound(body.model);
    const version = await store.version(caller.spaceId, row.id, Number(row.published_version));
    if (version === null) throw modelNotFound(body.model);
    const published = readDraft(version.snapshot);
    if (published.model === null) throw modelNotFound(body.model);
    const { providerId, model } = splitModelReference(published.model);
    const endpoint = await endpoints.resolve(caller.spaceId, providerId, model).catch((error: unknown) => {
      throw error instanceof AppError && error.status === 404
        ? new AppError({ code: 'agent_model_unavailable', status: 409, message: `agent ${row.id} uses provider ${providerId}, which no longer exists; publish it again with another model` })
        : error;
    });
    const parameters = {
      ...published.parameters,
      ...(body.temperature == null ? {} : { temperature: body.temperature }),
      ...(body.top_p == null ? {} : { topP: body.top_p }),
      ...((body.max_completion_tokens ?? body.max_tokens) == null ? {} : { maxTokens: (body.max_completion_tokens ?? body.max_tokens) as number }),
    };
    const header = request.headers['x-conversation-id'];
    const conversationId = body.conversation_id ?? (typeof header === 'string' && header !== '' ? header : undefined);
    const stream = body.stream === true;
    const upstream = await runs.run(
      { space: caller.spaceId, app: caller.appId },
      { agentId: row.id, draft: { ...published, parameters }, endpoint, messages: turns(body.messages), conversationId, variables: body.variables ?? undefined, stream, resolvedTools: await tools.resolve(caller.spaceId, published) },
      abortOnDisconnect(reply),
    );
    if (stream) return relayEventStream(reply, upstream, String(request.id));
    return reply.header('content-type', 'application/json; charset=utf-8').send(await upstream.text());
  });
}
