import { AppError } from '@astron/kit/errors';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletionChunk, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { LlmToolSpec, ModelEndpoint, ModelParameters, Usage } from './types.js';

export type LlmMessage = ChatCompletionMessageParam;

export interface LlmToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface LlmReply {
  content: string;
  reasoning: string;
  toolCalls: LlmToolCall[];
  finishReason: string | null;
  usage: Usage;
}

export interface LlmCall {
  messages: LlmMessage[];
  tools?: LlmToolSpec[];
  signal: AbortSignal;
  onContent?: (text: string) => void;
  onReasoning?: (text: string) => void;
}

export interface ModelClient {
  model: string;
  supportsTools: boolean;
  complete(call: LlmCall): Promise<LlmReply>;
}

export const emptyUsage = (): Usage => ({ prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });

export function addUsage(total: Usage, more: Usage): void {
  total.prompt_tokens += more.prompt_tokens;
  total.completion_tokens += more.completion_tokens;
  total.total_tokens += more.total_tokens;
}

function toOpenAITool(spec: LlmToolSpec): ChatCompletionTool {
  return { type: 'function', function: { name: spec.name, description: spec.description, parameters: spec.parameters } };
}

export function modelFailure(error: unknown, endpoint: ModelEndpoint, timedOut: boolean, timeoutMs: number): unknown {
  const host = URL.canParse(endpoint.baseUrl) ? new URL(endpoint.baseUrl).host : endpoint.baseUrl;
  if (timedOut || error instanceof APIConnectionTimeoutError) {
    return new AppError({ code: 'model_timeout', status: 504, retryable: true, message: `the model ${endpoint.model} at ${host} did not finish within ${timeoutMs} ms` });
  }
  if (error instanceof APIUserAbortError) return new AppError({ code: 'cancelled', status: 499, message: 'the run was cancelled: the client went away' });
  if (error instanceof APIConnectionError) {
    const cause: { code?: string; message?: string } = (error.cause as { code?: string; message?: string } | undefined) ?? {};
    return new AppError({ code: 'model_unreachable', status: 502, retryable: true, message: `could not reach the model at ${host}: ${cause.code ?? cause.message ?? error.message}` });
  }
  if (error instanceof APIError) {
    const status = error.status as number | undefined;
    return new AppError({
      code: 'model_error',
      status: 502,
      retryable: status === undefined || status >= 500 || status === 429,
      message: `the model ${endpoint.model} at ${host} answered ${status ?? 'an error'}: ${error.message}`,
      details: { upstreamStatus: status },
    });
  }
  return error;
}

/** Folds one streamed chunk into the reply; tool calls arrive in pieces keyed by index. */
function absorb(chunk: ChatCompletionChunk, reply: LlmReply, pending: Map<number, LlmToolCall>, call: LlmCall): void {
  if (chunk.usage) reply.usage = { prompt_tokens: chunk.usage.prompt_tokens, completion_tokens: chunk.usage.completion_tokens, total_tokens: chunk.usage.total_tokens };
  const choice = chunk.choices[0];
  if (choice === undefined) return;
  const delta = choice.delta as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null };
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content !== '') {
    reply.reasoning += delta.reasoning_content;
    call.onReasoning?.(delta.reasoning_content);
  }
  if (typeof delta.content === 'string' && delta.content !== '') {
    reply.content += delta.content;
    call.onContent?.(delta.content);
  }
  for (const piece of delta.tool_calls ?? []) {
    const current = pending.get(piece.index) ?? { id: '', name: '', arguments: '' };
    if (piece.id) current.id = piece.id;
    if (piece.function?.name) current.name += piece.function.name;
    if (piece.function?.arguments) current.arguments += piece.function.arguments;
    pending.set(piece.index, current);
  }
  if (choice.finish_reason) reply.finishReason = choice.finish_reason;
}

/**
 * One OpenAI-compatible endpoint, always called streaming so tokens reach the client as they come.
 * One retry (the SDK's, for 408/409/429/5xx and connection errors); a deadline over the whole call.
 */
export function createModelClient(endpoint: ModelEndpoint, parameters: ModelParameters, timeoutMs: number): ModelClient {
  const client = new OpenAI({
    baseURL: endpoint.baseUrl,
    apiKey: endpoint.apiKey ?? 'none',
    defaultHeaders: endpoint.headers,
    maxRetries: 1,
    timeout: timeoutMs,
  });
  return {
    model: endpoint.model,
    supportsTools: endpoint.supportsTools !== false,
    async complete(call) {
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = AbortSignal.any([call.signal, deadline]);
      const reply: LlmReply = { content: '', reasoning: '', toolCalls: [], finishReason: null, usage: emptyUsage() };
      const pending = new Map<number, LlmToolCall>();
      try {
        const stream = await client.chat.completions.create(
          {
            model: endpoint.model,
            messages: call.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(call.tools !== undefined && call.tools.length > 0 ? { tools: call.tools.map(toOpenAITool) } : {}),
            ...(parameters.temperature === undefined ? {} : { temperature: parameters.temperature }),
            ...(parameters.maxTokens === undefined ? {} : { max_tokens: parameters.maxTokens }),
            ...(parameters.topP === undefined ? {} : { top_p: parameters.topP }),
            ...(parameters.json === true ? { response_format: { type: 'json_object' as const } } : {}),
          },
          { signal },
        );
        for await (const chunk of stream) absorb(chunk, reply, pending, call);
      } catch (error) {
        throw modelFailure(error, endpoint, deadline.aborted && !call.signal.aborted, timeoutMs);
      }
      reply.toolCalls = [...pending.entries()]
        .sort(([left], [right]) => left - right)
        .map(([index, toolCall]) => ({ ...toolCall, id: toolCall.id || `call_${index}` }));
      return reply;
    },
  };
}
