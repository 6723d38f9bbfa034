import type { ServerResponse } from 'node:http';
import type { PlannedCompletion } from './completion.js';
import { sleep } from './http-util.js';
import { splitIntoTokens } from './tokens.js';

export interface StreamOptions {
  includeUsage: boolean;
  tokensPerSecond: number | undefined;
  /** Aborts when the client goes away or the fake closes. */
  signal: AbortSignal;
  requestId: string;
}

/**
 * Writes the completion as OpenAI's SSE frames: a role chunk, reasoning/content/tool call deltas (paced at
 * `tokensPerSecond`), a chunk with finish_reason, the usage chunk when asked for, then `[DONE]`.
 */
export async function streamCompletion(
  response: ServerResponse,
  plan: PlannedCompletion,
  options: StreamOptions,
): Promise<void> {
  const base = {
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    system_fingerprint: 'fp_fake',
  };
  // With include_usage OpenAI puts `usage: null` on every chunk but the last.
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
    frame({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(options.includeUsage ? { usage: null } : {}),
    });
  const first = chunk({ role: 'assistant', content: plan.content === null ? null : '', refusal: null });
  const deltas = deltaChunks(plan).map((delta) => chunk(delta));
  let last = chunk({}, plan.finishReason);
  if (options.includeUsage) last += frame({ ...base, choices: [], usage: plan.usage });
  last += 'data: [DONE]\n\n';

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-request-id': options.requestId,
  });
  if (options.tokensPerSecond === undefined) {
    response.end(first + deltas.join('') + last);
    return;
  }
  response.write(first);
  const interval = 1000 / options.tokensPerSecond;
  const start = performance.now();
  for (const [index, delta] of deltas.entries()) {
    // Aim at the planned time of each token, so timer lateness does not add up over a long reply.
    const wait = start + (index + 1) * interval - performance.now();
    if (!(await sleep(wait, options.signal))) return;
    response.write(delta);
  }
  if (!options.signal.aborted) response.end(last);
}

function deltaChunks(plan: PlannedCompletion): Record<string, unknown>[] {
  const deltas: Record<string, unknown>[] = [];
  for (const piece of splitIntoTokens(plan.reasoning ?? '')) deltas.push({ reasoning_content: piece });
  for (const piece of splitIntoTokens(plan.content ?? '')) deltas.push({ content: piece });
  for (const [index, call] of plan.toolCalls.entries()) {
    deltas.push({
      tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
    });
    for (const piece of splitIntoTokens(call.arguments)) {
      deltas.push({ tool_calls: [{ index, function: { arguments: piece } }] });
    }
  }
  return deltas;
}

function frame(data: unknown): string {
  return `data: ${JSON.stringify(data)}\n\n`;
}
