import type { IncomingHttpHeaders } from 'node:http';
import { TextDecoder } from 'node:util';
import type { Dispatcher } from 'undici';
import { egressFailed, responseTooLarge } from './errors.js';

/** What every egress answer says before its body: the status line, the headers and where it came from. */
export interface EgressResponseHead {
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  /** The URL that gave this response, after redirects. */
  url: string;
  /** Each URL that answered with a redirect, in order; empty when there was none. */
  redirects: string[];
}

export interface EgressResponse extends EgressResponseHead {
  text(): Promise<string>;
  json<T = unknown>(): Promise<T>;
  arrayBuffer(): Promise<ArrayBuffer>;
  buffer(): Promise<Buffer>;
}

export function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Refuses, before reading any of it, a body whose content-length is over `limitBytes`. */
export function refuseDeclaredLength(
  body: Dispatcher.ResponseData['body'],
  url: URL,
  limitBytes: number,
  declaredLength: string | null,
): void {
  if (declaredLength === null || Number(declaredLength) <= limitBytes) return;
  body.destroy();
  throw responseTooLarge(url, limitBytes);
}

/** Reads the whole body, destroying it (and so the socket) as soon as it passes `limitBytes`. */
export async function readCapped(
  body: Dispatcher.ResponseData['body'],
  url: URL,
  limitBytes: number,
  declaredLength: string | null,
): Promise<Buffer> {
  refuseDeclaredLength(body, url, limitBytes, declaredLength);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    total += bytes.byteLength;
    if (total > limitBytes) {
      body.destroy();
      throw responseTooLarge(url, limitBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

function decoderFor(contentType: string | null): TextDecoder {
  const charset = /charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

export function createResponse(
  parts: { status: number; statusText: string; headers: Headers; url: string; redirects: string[] },
  bytes: Buffer,
): EgressResponse {
  const text = () => decoderFor(parts.headers.get('content-type')).decode(bytes);
  return {
    ...parts,
    ok: parts.status >= 200 && parts.status < 300,
    text: async () => text(),
    json: async <T>() => {
      try {
        return JSON.parse(text()) as T;
      } catch (error) {
        const type = parts.headers.get('content-type') ?? 'no content type';
        throw egressFailed(
          'egress_invalid_json',
          `the response from ${parts.url} (${type}) is not JSON`,
          false,
          error,
        );
      }
    },
    arrayBuffer: async () =>
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    buffer: async () => bytes,
  };
}
