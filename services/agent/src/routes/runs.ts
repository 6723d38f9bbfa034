import type { App } from '@astron/kit/http';
import { callerOf, type AgentRoutesContext } from './context.js';
import { openaiCompletion, openaiStreamFormat } from './openai-format.js';
import { abortOnDisconnect, streamRun } from './run-stream.js';
import { runRequestSchema } from './schemas.js';

const tags = ['runs'];

/** Agent runs for the hub: the definition snapshot and the resolved model endpoint come with each call. */
export function runRoutes(app: App, context: AgentRoutesContext): void {
  app.post('/agents/runs', { schema: { tags, body: runRequestSchema } }, async (request, reply) => {
    const { spaceId } = callerOf(request, context);
    const { stream, ...body } = request.body;
    const prepared = await context.runner.prepare(spaceId, body);
    if (stream) return streamRun(context.http, request, reply, prepared, openaiStreamFormat(prepared.model, prepared.conversationId));
    const result = await prepared.execute(() => undefined, abortOnDisconnect(reply));
    return openaiCompletion(result);
  });
}
