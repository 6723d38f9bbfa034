import { ApiError, client } from '../../api/index.js';
import type { AgentStep, ChatTurn, Citation } from '../../api/types.js';
import { runtimeConfig } from '../../config.js';
import { readSse } from '../../lib/sse.js';

export interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export type ChatEvent =
  | { type: 'delta'; content: string }
  | { type: 'step'; step: AgentStep }
  | { type: 'conversation'; conversationId: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'citations'; citations: Citation[] }
  | { type: 'error'; code: string; message: string }
  | { type: 'done' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The passages an answer cites as [n] (`astron.citations`); entries without their number, text or score are left out. */
function citationsOf(value: unknown): Citation[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is Citation =>
      isObject(item) && typeof item.n === 'number' && typeof item.documentName === 'string' && typeof item.content === 'string' && typeof item.score === 'number',
  );
}

/** What one `data:` of the agent stream says: OpenAI chunk fields plus our `astron` / `astron_step` extensions. */
export function interpretFrame(data: string): ChatEvent[] {
  if (data.trim() === '[DONE]') return [{ type: 'done' }];
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return [];
  }
  if (!isObject(frame)) return [];
  if (isObject(frame.error)) {
    const { code, type, message } = frame.error;
    const name = typeof code === 'string' ? code : typeof type === 'string' ? type : 'stream_error';
    return [{ type: 'error', code: name, message: typeof message === 'string' ? message : name }];
  }
  const events: ChatEvent[] = [];
  if (isObject(frame.astron) && typeof frame.astron.conversationId === 'string')
    events.push({ type: 'conversation', conversationId: frame.astron.conversationId });
  if (isObject(frame.astron_step) && typeof frame.astron_step.type === 'string')
    events.push({ type: 'step', step: frame.astron_step as AgentStep });
  const choice: unknown = Array.isArray(frame.choices) ? frame.choices[0] : undefined;
  if (
    isObject(choice) &&
    isObject(choice.delta) &&
    typeof choice.delta.content === 'string' &&
    choice.delta.content !== ''
  )
    events.push({ type: 'delta', content: choice.delta.content });
  if (isObject(frame.usage)) events.push({ type: 'usage', usage: frame.usage });
  const citations = isObject(frame.astron) ? citationsOf(frame.astron.citations) : [];
  if (citations.length > 0) events.push({ type: 'citations', citations });
  return events;
}

export interface ChatRequest {
  messages: ChatTurn[];
  conversationId?: string;
}

export async function csrfToken(): Promise<string | null> {
  if (client.csrfToken === null)
    await client.get('/api/me', { redirectOnUnauthorized: false }).catch(() => {});
  return client.csrfToken;
}

export async function failure(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as {
      code?: unknown;
      message?: unknown;
      details?: unknown;
      error?: unknown;
    };
    if (typeof body.code === 'string')
      return new ApiError(
        response.status,
        body.code,
        typeof body.message === 'string' ? body.message : '',
        body.details,
      );
  } catch {
    // not JSON: the status says it
  }
  return new ApiError(response.status, `http_${response.status}`, `the server answered ${response.status}`);
}

/**
 * Runs the agent's draft (POST /api/agents/:id/chat) and reports every event of its stream as it arrives.
 * Resolves when the stream ends; a refused request throws an ApiError; `signal` aborts it (AbortError).
 */
export async function streamAgentChat(
  agentId: string,
  request: ChatRequest,
  onEvent: (event: ChatEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const token = await csrfToken();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (token !== null) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(`${runtimeConfig().apiBaseUrl}/api/agents/${encodeURIComponent(agentId)}/chat`, {
      method: 'POST',
      headers,
      credentials: 'include',
      body: JSON.stringify(request),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(
      0,
      'network_error',
      error instanceof Error ? error.message : 'the server could not be reached',
    );
  }
  if (!response.ok) throw await failure(response);
  if (response.body === null) return;
  await readSse(response.body, (data) => {
    for (const event of interpretFrame(data)) onEvent(event);
  });
}
