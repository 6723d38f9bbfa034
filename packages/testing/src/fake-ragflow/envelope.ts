import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * RAGFlow's return codes (common/constants.py `RetCode`). Its HTTP API answers HTTP 200 with
 * `{ code, message?, data? }` for successes and failures alike (up to v0.24, the versions astron-agent
 * deployed); only `code` says which.
 */
export const retCode = {
  success: 0,
  exception: 100,
  argument: 101,
  data: 102,
  operating: 103,
  permission: 108,
  authentication: 109,
} as const;

/** What a route answers: RAGFlow's envelope, always with HTTP 200. */
export type Envelope = Record<string, unknown> & { code: number };

/** `get_result(data=...)`: `{ code: 0, data }`, or `{ code: 0 }` when there is no data. */
export function ok(data?: unknown, extra: Record<string, unknown> = {}): Envelope {
  return data === undefined ? { code: retCode.success, ...extra } : { code: retCode.success, data, ...extra };
}

/**
 * Thrown by a route to answer with a failure envelope at once, as RAGFlow's handlers `return` one early;
 * the server sends `envelope`.
 */
export class Refusal extends Error {
  constructor(readonly envelope: Envelope) {
    super(typeof envelope.message === 'string' ? envelope.message : `code ${envelope.code}`);
  }
}

/** Answers `{ code, message }` (RAGFlow's `get_error_data_result` and friends) at once. */
export function refuse(code: number, message: string): never {
  throw new Refusal({ code, message });
}

/** `get_json_result`, used by the auth check and the catch-all error handler: `{ code, message, data }`. */
export function failWithData(code: number, message: string, data: unknown): Envelope {
  return { code, message, data };
}

export function sendEnvelope(response: ServerResponse, envelope: Envelope): void {
  const text = JSON.stringify(envelope);
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The JSON object of a body as Flask's `request.json` reads it for the older handlers: a body that is
 * not JSON raises BadRequest, which RAGFlow's catch-all handler shows as its repr (code 100).
 */
export function flaskJson(bytes: Buffer): Record<string, unknown> {
  const value = parseJson(bytes);
  if (value === undefined)
    throw new Refusal(failWithData(retCode.exception, "<BadRequest '400: Bad Request'>", null));
  return isObject(value) ? value : {};
}

/**
 * The JSON object of a body as `validate_and_parse_json_request` (the pydantic-validated handlers) reads it:
 * the content type must be JSON, and the body one object.
 */
export function validatedJson(bytes: Buffer, contentType: string | undefined): Record<string, unknown> {
  if (!(contentType ?? '').startsWith('application/json')) {
    refuse(retCode.argument, `Unsupported content type: Expected application/json, got ${contentType ?? ''}`);
  }
  const value = parseJson(bytes);
  if (value === undefined) {
    refuse(retCode.argument, 'Malformed JSON syntax: Missing commas/brackets or invalid encoding');
  }
  if (!isObject(value)) {
    refuse(
      retCode.argument,
      `Invalid request payload: expected object, got ${Array.isArray(value) ? 'list' : typeof value}`,
    );
  }
  return value;
}

/** The body's JSON value, or undefined when it is not JSON. */
export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
