import { countPromptTokens, countTokens } from './tokens.js';
import type { ChatRequest, TextReply, ToolCallsReply } from './types.js';

export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A scripted reply turned into everything both the JSON and the SSE answers need. */
export interface PlannedCompletion {
  id: string;
  created: number;
  model: string;
  content: string | null;
  reasoning: string | undefined;
  toolCalls: PlannedToolCall[];
  finishReason: 'stop' | 'tool_calls';
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

let completionCount = 0;

export function planCompletion(reply: TextReply | ToolCallsReply, request: ChatRequest): PlannedCompletion {
  completionCount += 1;
  const id = `chatcmpl-fake${completionCount.toString().padStart(6, '0')}`;
  const scripted = 'toolCalls' in reply ? reply.toolCalls : [];
  const toolCalls = scripted.map((call, index) => ({
    id: call.id ?? `call_fake${completionCount}_${index}`,
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const content = reply.content ?? (toolCalls.length > 0 ? null : '');
  const completionTokens =
    countTokens(content ?? '') +
    countTokens(reply.reasoning ?? '') +
    toolCalls.reduce((sum, call) => sum + countTokens(call.name) + countTokens(call.arguments), 0);
  const promptTokens = reply.usage?.prompt_tokens ?? countPromptTokens(request.messages);
  const outputTokens = reply.usage?.completion_tokens ?? completionTokens;
  return {
    id,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    content,
    reasoning: reply.reasoning,
    toolCalls,
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: outputTokens,
      total_tokens: reply.usage?.total_tokens ?? promptTokens + outputTokens,
    },
  };
}

/** The non-streamed answer: a `chat.completion` object. */
export function toChatCompletion(plan: PlannedCompletion): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: plan.content, refusal: null };
  if (plan.reasoning !== undefined) message.reasoning_content = plan.reasoning;
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: plan.usage,
  };
}
