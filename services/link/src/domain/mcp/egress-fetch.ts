import type { EgressClient } from '@astron/kit/egress';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';

function bodyOf(body: RequestInit['body']): string | Uint8Array | null {
  if (body === undefined || body === null) return null;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('the MCP transport sent a body the egress client cannot send');
}

/**
 * `fetch` for the MCP SDK's streamable-http transport, sending every request through the egress client, so the
 * SSRF guard sees each hop. The egress client reads a response whole before returning it, which suits this
 * transport: the answer to a POST is JSON or an event stream that ends after the answer. The one long-lived
 * stream, the optional GET for server-initiated messages, is declined here with 405 (which the transport reads
 * as "this server offers none"): a session of ours lasts one listing or one call.
 */
export function egressFetch(egress: EgressClient, timeoutMs: number): FetchLike {
  return async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    if (method === 'GET' && (headers.get('accept') ?? '').includes('text/event-stream')) {
      return new Response(null, { status: 405, statusText: 'Method Not Allowed' });
    }
    const response = await egress.request(url, { method, headers, body: bodyOf(init.body), timeoutMs, ...(init.signal ? { signal: init.signal } : {}) });
    const empty = response.status === 204 || response.status === 205 || response.status === 304 || method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(await response.arrayBuffer()), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
