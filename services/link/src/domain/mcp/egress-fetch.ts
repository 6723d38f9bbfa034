import type { EgressClient } from '@astron/kit/egress';
import { isAppError, type AppError } from '@astron/kit/errors';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';

function bodyOf(body: RequestInit['body']): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('the MCP transport sent a body the egress client cannot send');
}

/** What the transports ask for, as the egress client takes it (the body apart). */
function requestOf(init: RequestInit, timeoutMs: number) {
  const method = (init.method ?? 'GET').toUpperCase();
  return { method, headers: new Headers(init.headers), timeoutMs, ...(init.signal ? { signal: init.signal } : {}) };
}

/** The GET that opens a long-lived stream of server messages. */
const asksForEventStream = (request: { method: string; headers: Headers }) =>
  request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/event-stream');

/** Statuses (and HEAD) whose responses have no body; `Response` refuses one. */
const bodiless = (status: number, method: string) => [204, 205, 304].includes(status) || method === 'HEAD';

async function wholeResponse(egress: EgressClient, url: string | URL, init: RequestInit, timeoutMs: number): Promise<Response> {
  const request = requestOf(init, timeoutMs);
  const response = await egress.request(url, { ...request, body: bodyOf(init.body) });
  const body = bodiless(response.status, request.method) ? null : new Uint8Array(await response.arrayBuffer());
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/**
 * `fetch` for the MCP SDK's streamable-http transport, sending every request through the egress client, so the
 * SSRF guard sees each hop. Answers are read whole, which suits this transport: the answer to a POST is JSON or an
 * event stream that ends after the answer. The one long-lived stream, the optional GET for server-initiated
 * messages, is declined here with 405 (which the transport reads as "this server offers none"): a session of ours
 * lasts one listing or one call.
 */
export function egressFetch(egress: EgressClient, timeoutMs: number): FetchLike {
  return async (url, init = {}) => {
    if (asksForEventStream(requestOf(init, timeoutMs))) return new Response(null, { status: 405, statusText: 'Method Not Allowed' });
    return wholeResponse(egress, url, init, timeoutMs);
  };
}

/** Passes `body` on, telling `report` why it failed when it does. */
function reporting(body: ReadableStream<Uint8Array>, report: (error: unknown) => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        report(error);
        controller.error(error);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

export interface EventStreamFetch {
  fetch: FetchLike;
  /** The egress client's first error in this session (a refusal, a timeout, a cap), if any. */
  failure: () => AppError | undefined;
}

/**
 * `fetch` for one session of the SDK's legacy SSE transport: the session's event stream (the GET asking for
 * text/event-stream) is streamed by the egress client under its guard, size cap and idle timeout; the POSTs to the
 * endpoint the server announces are read whole and guarded like any request, whatever that endpoint says. The
 * SDK's EventSource turns a failed stream into text; `failure` keeps the error itself, to be reported as it is.
 */
export function eventStreamFetch(egress: EgressClient, timeoutMs: number): EventStreamFetch {
  let failure: AppError | undefined;
  const remember = (error: unknown) => {
    if (failure === undefined && isAppError(error)) failure = error;
  };
  const fetch: FetchLike = async (url, init = {}) => {
    const request = requestOf(init, timeoutMs);
    try {
      if (!asksForEventStream(request)) return await wholeResponse(egress, url, init, timeoutMs);
      const response = await egress.stream(url, { ...request, idleTimeoutMs: timeoutMs });
      const head = { status: response.status, statusText: response.statusText, headers: response.headers };
      if (!bodiless(response.status, request.method)) return new Response(reporting(response.body, remember), head);
      await response.body.cancel();
      return new Response(null, head);
    } catch (error) {
      remember(error);
      throw error;
    }
  };
  return { fetch, failure: () => failure };
}
