import { randomId } from '@astron/kit/crypto';
import type { RunResult } from '../domain/run-agent.js';
import type { RunEvent } from '../domain/types.js';
import type { StreamFormat } from './run-stream.js';

/**
 * OpenAI chat.completion.chunk frames, so the openai SDK reads them unchanged. Extensions that standard
 * clients ignore: `astron_step` on a chunk with an empty delta for every tool step, `astron` with the
 * conversation id on the first and the last chunk. The last chunk carries usage and no choices.
 */
export function openaiStreamFormat(model: string, conversationId: string | null): StreamFormat {
  const id = randomId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra: Record<string, unknown> = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    ...extra,
  });
  return {
    opening: () => [chunk({ role: 'assistant', content: '' }, null, { astron: { conversationId } })],
    event(event: RunEvent) {
      if (event.type === 'step') return [chunk({}, null, { astron_step: event.step })];
      const delta: Record<string, unknown> = {};
      if (event.content !== undefined) delta.content = event.content;
      if (event.reasoning !== undefined) delta.reasoning_content = event.reasoning;
      return [chunk(delta)];
    },
    closing(result) {
      return [
        chunk({}, result.finishReason),
        { id, object: 'chat.completion.chunk', created, model, choices: [], usage: result.usage, astron: { conversationId, strategy: result.strategy, citations: result.citations } },
      ];
    },
    failure(failure) {
      return [{ error: { message: failure.message, type: failure.code, code: failure.code, status: failure.status } }];
    },
  };
}

/** An OpenAI chat.completion, plus `astron: { steps, conversationId, strategy, citations }`. */
export function openaiCompletion(result: RunResult) {
  return {
    id: randomId('chatcmpl'),
    object: 'chat.completion' as const,
    created: Math.floor(Date.now() / 1000),
    model: result.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: result.content, refusal: null, ...(result.reasoning === '' ? {} : { reasoning_content: result.reasoning }) },
        finish_reason: result.finishReason,
        logprobs: null,
      },
    ],
    usage: result.usage,
    astron: { steps: result.steps, conversationId: result.conversationId, strategy: result.strategy, citations: result.citations },
  };
}
