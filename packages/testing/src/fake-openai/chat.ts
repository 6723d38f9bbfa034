import type { ServerResponse } from 'node:http';
import { streamCompletion } from './chat-stream.js';
import { planCompletion, toChatCompletion } from './completion.js';
import { errorBody, sendError, sendJson, sleep } from './http-util.js';
import type { ReplyQueue } from './reply-queue.js';
import type { ChatRequest, RecordedRequest } from './types.js';

export interface ChatContext {
  queue: ReplyQueue;
  latencyMs: number;
  tokensPerSecond: number | undefined;
  signal: AbortSignal;
  requestId: string;
}

/** `POST /v1/chat/completions`: picks the scripted reply, then answers as JSON or as SSE. */
export async function answerChat(
  response: ServerResponse,
  recorded: RecordedRequest,
  context: ChatContext,
): Promise<void> {
  const invalid = validate(recorded.body);
  if (invalid !== undefined) {
    sendError(response, context.requestId, 400, invalid);
    return;
  }
  const request = recorded.body as ChatRequest;
  // Taken before the latency, so replies scripted in order go to requests in arrival order.
  const reply = await context.queue.take(request, recorded);
  if (!(await sleep(context.latencyMs, context.signal))) return;
  if ('error' in reply) {
    const { status, message, type, code } = reply.error;
    sendJson(response, status, errorBody(status, message, type, code), context.requestId, reply.headers);
    return;
  }
  const plan = planCompletion(reply, request);
  if (request.stream === true) {
    await streamCompletion(response, plan, {
      includeUsage: request.stream_options?.include_usage === true,
      tokensPerSecond: context.tokensPerSecond,
      signal: context.signal,
      requestId: context.requestId,
    });
    return;
  }
  // A paced model takes as long to answer without streaming as with it.
  if (context.tokensPerSecond !== undefined) {
    const generationMs = (plan.usage.completion_tokens / context.tokensPerSecond) * 1000;
    if (!(await sleep(generationMs, context.signal))) return;
  }
  sendJson(response, 200, toChatCompletion(plan), context.requestId);
}

function validate(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return 'The body must be a JSON object';
  const fields = body as Record<string, unknown>;
  if (typeof fields.model !== 'string' || fields.model === '') return 'you must provide a model parameter';
  if (!Array.isArray(fields.messages) || fields.messages.length === 0) {
    return "'messages' must be a non-empty array";
  }
  const badMessage = (fields.messages as unknown[]).findIndex(
    (message) =>
      typeof message !== 'object' ||
      message === null ||
      typeof (message as { role?: unknown }).role !== 'string',
  );
  if (badMessage !== -1) return `'messages[${badMessage}]' must be an object with a string 'role'`;
  return undefined;
}
