import type { IncomingMessage, ServerResponse } from 'node:http';

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(status: number, message: string, type?: string, code?: string): OpenAIErrorBody {
  return { error: { message, type: type ?? defaultErrorType(status), param: null, code: code ?? null } };
}

function defaultErrorType(status: number): string {
  if (status >= 500) return 'server_error';
  if (status === 429) return 'rate_limit_error';
  return 'invalid_request_error';
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId,
  });
  response.end(text);
}

export function sendError(
  response: ServerResponse,
  requestId: string,
  status: number,
  message: string,
  kind: { type?: string; code?: string } = {},
): void {
  sendJson(response, status, errorBody(status, message, kind.type, kind.code), requestId);
}


/** Resolves after `ms`, or at once (false) when the signal aborts; true when the time ran out. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The body as bytes: JSON is decoded from them, multipart uploads are read as they are. */
export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
