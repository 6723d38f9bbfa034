import { badRequest } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { BotConfigDocument } from '../domain/bot-configs.js';
import type { AgentDefinition } from '../domain/types.js';
import { compatCompletion, compatStreamFormat } from './compat-format.js';
import { callerOf, type AgentRoutesContext } from './context.js';
import { abortOnDisconnect, streamRun } from './run-stream.js';

const tags = ['agent/v1 (astron-agent compatible)'];

/** The original's rules (api/schemas/base_inputs.py): user and assistant alternate, from user to user. */
const messagesSchema = z
  .array(z.object({ role: z.enum(['user', 'assistant', 'system']), content: z.string().max(1_000_000) }))
  .min(1, 'messages must not be empty')
  .max(1_000)
  .superRefine((messages, context) => {
    let expected: 'user' | 'assistant' = 'user';
    for (const [index, message] of messages.entries()) {
      if (message.content === '') context.addIssue({ code: 'custom', path: [index, 'content'], message: "'content' cannot be empty" });
      if (message.role === 'system') context.addIssue({ code: 'custom', path: [index, 'role'], message: "'role' must be user or assistant" });
      else if (message.role !== expected) context.addIssue({ code: 'custom', path: [index, 'role'], message: 'messages role order must alternate between user and assistant' });
      expected = expected === 'user' ? 'assistant' : 'user';
    }
    if (messages.at(-1)?.role !== 'user') context.addIssue({ code: 'custom', message: 'messages must end with user type content' });
  });

const completionSchema = z.object({
  bot_id: z.string().min(1).max(64),
  uid: z.string().max(64).default(''),
  messages: messagesSchema,
  stream: z.boolean().default(false),
  meta_data: z.object({ caller: z.string().default('chat_open_api'), caller_sid: z.string().default('') }).prefault({}),
});

/** Parts of a bot config this service cannot serve yet; refused by name rather than silently ignored. */
function refuseUnsupported(document: BotConfigDocument): void {
  const unsupported = [
    ['mcp_server_ids', document.mcp_server_ids],
    ['mcp_server_urls', document.mcp_server_urls],
    ['flow_ids', document.flow_ids],
    ['regular_config.match.repoId', document.regular_config?.match?.repoId],
    ['regular_config.match.docId', document.regular_config?.match?.docId],
  ].filter(([, value]) => Array.isArray(value) && value.length > 0);
  if (unsupported.length > 0) {
    throw badRequest(`this bot uses ${unsupported.map(([name]) => String(name)).join(', ')}, which the agent service does not run yet`, undefined, 'unsupported_bot_feature');
  }
}

function definitionOf(document: BotConfigDocument, maxSteps: number): AgentDefinition {
  const plan = document.model_config.plan ?? {};
  return {
    id: document.bot_id,
    instructions: document.model_config.instruct ?? '',
    parameters: {
      ...(plan.parameter?.temperature === undefined ? {} : { temperature: plan.parameter.temperature }),
      ...(plan.parameter?.max_tokens === undefined ? {} : { maxTokens: plan.parameter.max_tokens }),
    },
    tools: document.tool_ids ?? [],
    strategy: 'auto',
    maxSteps,
    // The original is stateless: the client sends the history, and all of it reaches the model.
    memory: { enabled: false, maxTokens: 2_000_000 },
  };
}

/** The original's chat of a configured bot: `POST /agent/v1/chat/completions`. */
export function compatChatRoutes(app: App, context: AgentRoutesContext): void {
  app.post('/agent/v1/chat/completions', { schema: { tags, body: completionSchema } }, async (request, reply) => {
    const { spaceId, claims } = callerOf(request, context);
    const { bot_id, messages, stream } = request.body;
    const record = await context.botConfigs.find(spaceId, bot_id);
    const document = record.config as BotConfigDocument;
    refuseUnsupported(document);
    const consumer = request.headers['x-consumer-username'];
    const appId = typeof consumer === 'string' && consumer !== '' ? consumer : (claims.app ?? record.appId);
    const model = await context.resolveModel({ spaceId, appId }, document.model_config.plan ?? {});
    const prepared = await context.runner.prepare(spaceId, {
      definition: definitionOf(document, context.limits.maxSteps),
      model,
      messages: messages.map((message) => ({ role: message.role, content: message.content })),
      variables: {},
      remember: false,
      origin: { source: 'api', appId },
    });
    if (stream) return streamRun(context.http, request, reply, prepared, compatStreamFormat(prepared.model));
    return compatCompletion(await prepared.execute(() => undefined, abortOnDisconnect(reply)));
  });
}
