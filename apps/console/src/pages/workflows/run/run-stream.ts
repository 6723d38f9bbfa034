import { ApiError } from '../../../api/index.js';
import { runtimeConfig } from '../../../config.js';
import { readSseEvents } from '../../../lib/sse.js';
import { csrfToken, failure } from '../../agents/chat-stream.js';
import type { RunEvent } from './run-state.js';

const path = (workflowId: string, rest = '') => `/api/workflows/${encodeURIComponent(workflowId)}/runs${rest}`;

/**
 * POSTs `body` and reports every event of the Server-Sent Events answer as it arrives; resolves when the stream
 * ends (after a finishing or pausing event). A refused request throws an ApiError (400 `workflow_invalid` with the
 * problems as details); `signal` stops reading (the run itself goes on: cancel stops it).
 */
async function stream(url: string, body: unknown, onEvent: (event: RunEvent) => void, signal: AbortSignal): Promise<void> {
  const token = await csrfToken();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (token !== null) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(`${runtimeConfig().apiBaseUrl}${url}`, {
      method: 'POST',
      headers,
      credentials: 'include',
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'the server could not be reached');
  }
  if (!response.ok) throw await failure(response);
  if (response.body === null) return;
  await readSseEvents(response.body, (event) => {
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    onEvent({ type: event.event, data: record, id: event.id });
  });
}

/** A debug run of the saved draft. */
export const streamRunStart = (
  workflowId: string,
  inputs: Record<string, unknown>,
  onEvent: (event: RunEvent) => void,
  signal: AbortSignal,
) => stream(path(workflowId), { inputs, stream: true }, onEvent, signal);

/** Answers a paused question; the run's next events follow on the same kind of stream. */
export const streamRunResume = (
  workflowId: string,
  runId: string,
  body: { answer: unknown; nodeKey?: string },
  onEvent: (event: RunEvent) => void,
  signal: AbortSignal,
) => stream(path(workflowId, `/${encodeURIComponent(runId)}/resume`), { ...body, stream: true }, onEvent, signal);
