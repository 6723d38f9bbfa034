import { randomId } from '@astron/kit/crypto';
import type { RunResult } from '../domain/run-agent.js';
import type { AgentStep, RunEvent } from '../domain/types.js';
import type { Failure, StreamFormat } from './run-stream.js';

/**
 * The original core-agent's frames (api/schemas/completion_chunk.py): OpenAI chunks with `code` and
 * `message`, `reasoning_content` deltas, and a finished tool call as a `tool_calls` delta of
 * `type: 'tool'` with `reason` and `function.response`. An error ends the stream with a non-zero code.
 */
export function compatCode(status: number): number {
  return status >= 500 ? 50_000 + (status - 500) : 40_000 + Math.max(0, status - 400);
}

type ToolCallStep = Extract<AgentStep, { type: 'tool_call' }>;
type ToolResultStep = Extract<AgentStep, { type: 'tool_result' }>;

function originalToolCall(call: ToolCallStep | undefined, result: ToolResultStep) {
  const args = call === undefined ? '{}' : typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
  return {
    id: result.id,
    type: 'tool' as const,
    reason: call?.reason ?? '',
    function: { name: result.name, arguments: args, response: result.result ?? result.error ?? '' },
  };
}

export function compatStreamFormat(model: string): StreamFormat {
  const id = randomId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const calls = new Map<string, ToolCallStep>();
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}) => ({
    code: 0,
    message: 'success',
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta: { role: 'assistant', ...delta }, finish_reason: finishReason }],
    ...extra,
  });
  return {
    opening: () => [chunk({ content: '' })],
    event(event: RunEvent) {
      if (event.type === 'delta') {
        return [chunk({ ...(event.content === undefined ? {} : { content: event.content }), ...(event.reasoning === undefined ? {} : { reasoning_content: event.reasoning }) })];
      }
      const step = event.step;
      if (step.type === 'tool_call') calls.set(step.id, step);
      if (step.type !== 'tool_result') return [];
      return [chunk({ tool_calls: [{ index: 0, ...originalToolCall(calls.get(step.id), step) }] })];
    },
    closing: (result) => [chunk({}, 'stop', { usage: result.usage })],
    failure: (failure: Failure) => [{ ...chunk({ content: '' }, 'stop'), code: compatCode(failure.status), message: failure.message }],
  };
}

/** The original's non-streamed answer (ReasonChatCompletion). */
export function compatCompletion(result: RunResult) {
  const calls = new Map<string, ToolCallStep>();
  const toolCalls = [];
  for (const step of result.steps) {
    if (step.type === 'tool_call') calls.set(step.id, step);
    if (step.type === 'tool_result') toolCalls.push(originalToolCall(calls.get(step.id), step));
  }
  return {
    code: 0,
    message: 'success',
    id: randomId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: result.model,
    choices: [{ index: 0, message: { role: 'assistant', content: result.content, reasoning_content: result.reasoning, tool_calls: toolCalls }, finish_reason: 'stop' }],
    usage: result.usage,
    logs: [],
    knowledge_metadata: [],
  };
}
