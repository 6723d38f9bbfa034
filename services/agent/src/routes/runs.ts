import type { App } from '@astron/kit/http';
import { callerOf, type AgentRoutesContext } from './context.js';
import { openaiCompletion, openaiStreamFormat } from './openai-format.js';
import { abortOnDisconnect, streamRun } from './run-stream.js';
import { runRequestSchema } from './schemas.js';

const tags = ['runs'];

/** Agent runs for the hub: the definition snapshot and the resolved model endpoint come with each call. */
export function runRoutes(app: App, context: AgentRoutesContext): void {
  app.post('/agents/runs', { schema: { tags, body: runRequestSchema } }, async (request, reply) => {
    const { spaceId, claims } = callerOf(request, context);
    const { stream, ...body } = request.body;
    // The hub acts for a tenant app on the public API, for a signed-in user in the console's debug chat.
    const origin = claims.app === undefined ? { source: 'debug' as const, appId: null } : { source: 'api' as const, appId: claims.app };
    const caller = { ...(claims.app === undefined ? {} : { app: claims.app }), ...(claims.user === undefined ? {} : { user: claims.user }) };
    const prepared = await context.runner.prepare(spaceId, { ...body, origin, caller });
    if (stream) return streamRun(context.http, request, reply, prepared, openaiStreamFormat(prepared.model, prepared.conversationId));
    const result = await prepared.execute(() => undefined, abortOnDisconnect(reply));
    return openaiCompletion(result);
  });
}
