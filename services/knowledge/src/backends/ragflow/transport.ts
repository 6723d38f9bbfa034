import { RagflowError, RagflowTimeoutError, RagflowUnreachableError } from './errors.js';

export interface RagflowConnection {
  baseUrl: string;
  apiToken: string;
  timeoutMs: number;
  /** Replaces the global fetch, e.g. to route through a proxy agent. */
  fetch?: typeof fetch;
}

export interface RagflowRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Under `/api/v1`, e.g. `/datasets`; path segments already encoded. */
  path: string;
  query?: Record<string, string | number>;
  json?: unknown;
  form?: FormData;
}

/** A successful answer: RAGFlow's envelope with `code: 0`, so `data` and siblings like `total_datasets`. */
export type RagflowEnvelope = Record<string, unknown>;

export type RagflowTransport = (request: RagflowRequest) => Promise<RagflowEnvelope>;

function connectionFailure(error: unknown, baseUrl: string, timedOut: boolean, timeoutMs: number): unknown {
  if (timedOut) return new RagflowTimeoutError(baseUrl, timeoutMs);
  // Node's fetch rejects with TypeError('fetch failed') whose cause says why (ECONNREFUSED, ENOTFOUND, ...).
  if (error instanceof TypeError) {
    const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
    const reason =
      typeof cause?.code === 'string'
        ? cause.code
        : typeof cause?.message === 'string'
          ? cause.message
          : error.message;
    return new RagflowUnreachableError(baseUrl, reason, error);
  }
  return error;
}

/**
 * RAGFlow's envelope: `{ code: 0, data? }` on success, `{ code, message }` otherwise, with HTTP 200 in
 * both cases up to v0.24 and a matching HTTP status in later versions; only `code` decides.
 */
function readEnvelope(text: string, httpStatus: number, request: string): RagflowEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || typeof (body as { code?: unknown }).code !== 'number') {
    const ragflowMessage = `HTTP ${httpStatus} with a body that is not its JSON envelope: ${text.slice(0, 200)}`;
    throw new RagflowError({ ragflowCode: undefined, ragflowMessage, httpStatus, request });
  }
  const envelope = body as RagflowEnvelope & { code: number };
  if (envelope.code !== 0) {
    const ragflowMessage = typeof envelope.message === 'string' ? envelope.message : 'no message';
    throw new RagflowError({ ragflowCode: envelope.code, ragflowMessage, httpStatus, request });
  }
  return envelope;
}

/**
 * Sends requests to one RAGFlow server with its API key, each under the RAGFLOW_TIMEOUT deadline, and
 * unwraps its envelope; failures become RagflowError, RagflowTimeoutError or RagflowUnreachableError.
 */
export function createTransport(connection: RagflowConnection): RagflowTransport {
  const baseUrl = connection.baseUrl.replace(/\/+$/, '');
  // The global fetch, not the egress client: RAGFLOW_BASE_URL is operator configuration, never user input,
  // and RAGFlow usually runs on a private address beside the platform, which egress would (rightly) refuse.
  // eslint-disable-next-line no-restricted-globals -- see the comment above
  const send = connection.fetch ?? fetch;
  return async (request) => {
    const url = new URL(`${baseUrl}/api/v1${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {}))
      url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { authorization: `Bearer ${connection.apiToken}` };
    let body: string | FormData | undefined = request.form;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    }
    const described = `${request.method} /api/v1${request.path}`;
    const deadline = AbortSignal.timeout(connection.timeoutMs);
    try {
      const response = await send(url, { method: request.method, headers, body, signal: deadline });
      // The deadline covers the body too: a server may send headers and then stall.
      return readEnvelope(await response.text(), response.status, described);
    } catch (error) {
      if (error instanceof RagflowError) throw error;
      throw connectionFailure(error, baseUrl, deadline.aborted, connection.timeoutMs);
    }
  };
}
