import type { FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { BotConfigDocument } from '../domain/bot-configs.js';
import { callerOf, type AgentRoutesContext } from './context.js';

/**
 * The original core-agent's bot-config API (api/v1/bot_config_mgr_api.py): same paths, fields and
 * `{code: 0, message: 'success', data}` answer. Differences (decision 0008): errors come as our
 * `{code, message}` with a real HTTP status; configs belong to the caller's space; provider keys (`sk`)
 * are refused, a model provider is named instead.
 */
const tags = ['agent/v1 (astron-agent compatible)'];

const detailSchema = z.looseObject({
  api: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })]).optional(),
  domain: z.string().max(200).optional(),
  sk: z.string().max(8_192).optional(),
  provider: z.string().max(64).optional(),
  support_function_call: z.boolean().optional(),
  patch_id: z.array(z.string()).optional(),
  parameter: z.looseObject({ max_tokens: z.number().int().min(1).optional(), temperature: z.number().min(0).max(2).optional(), top_k: z.number().int().optional() }).optional(),
});

const ids = z.array(z.string().max(128)).max(128).optional();

export const botConfigSchema = z.looseObject({
  app_id: z.string().min(1).max(64),
  bot_id: z.string().min(1).max(64),
  model_config: z.looseObject({ instruct: z.string().max(200_000).optional(), plan: detailSchema.optional(), summary: detailSchema.optional() }),
  knowledge_config: z.looseObject({ score_threshold: z.number().optional(), top_k: z.number().int().optional() }).optional(),
  regular_config: z.looseObject({ match: z.looseObject({ repoId: ids, docId: ids }).optional() }).optional(),
  tool_ids: ids,
  mcp_server_ids: ids,
  mcp_server_urls: ids,
  flow_ids: ids,
});

const keyQuery = z.object({ app_id: z.string().min(1).max(64), bot_id: z.string().min(1).max(64) });

function answer(data: unknown) {
  return { code: 0, message: 'success', data };
}

function spaceOf(request: FastifyRequest, context: AgentRoutesContext): string {
  return callerOf(request, context).spaceId;
}

export function compatBotConfigRoutes(app: App, context: AgentRoutesContext): void {
  app.post('/agent/v1/bot-config', { schema: { tags, body: botConfigSchema } }, async (request) =>
    answer(await context.botConfigs.create(spaceOf(request, context), request.body as BotConfigDocument)),
  );

  app.put('/agent/v1/bot-config', { schema: { tags, body: botConfigSchema } }, async (request) =>
    answer(await context.botConfigs.update(spaceOf(request, context), request.body as BotConfigDocument)),
  );

  app.get('/agent/v1/bot-config', { schema: { tags, querystring: keyQuery } }, async (request) => {
    const record = await context.botConfigs.get(spaceOf(request, context), request.query.app_id, request.query.bot_id);
    return answer(record.config);
  });

  app.delete('/agent/v1/bot-config', { schema: { tags, querystring: keyQuery } }, async (request) => {
    await context.botConfigs.remove(spaceOf(request, context), request.query.app_id, request.query.bot_id);
    return answer(null);
  });
}
