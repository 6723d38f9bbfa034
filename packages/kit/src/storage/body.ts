import { Readable } from 'node:stream';
import { payloadTooLarge } from '../errors/index.js';
import type { ObjectBody } from './types.js';

export function isStream(body: ObjectBody): body is Readable {
  return body instanceof Readable;
}

/** Bytes of a buffer-like body, without copying a Buffer or Uint8Array. */
export function bytesOf(body: Exclude<ObjectBody, Readable>): Buffer {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Reads a whole body into memory, refusing (and destroying the stream) past `limitBytes`.
 * The S3 store needs this because PutObject wants a known length and lib-storage is not installed.
 */
export async function bufferBody(body: ObjectBody, limitBytes: number, what: string): Promise<Buffer> {
  if (!isStream(body)) {
    const bytes = bytesOf(body);
    if (bytes.byteLength > limitBytes) throw tooLarge(what, limitBytes);
    return bytes;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    total += bytes.byteLength;
    if (total > limitBytes) {
      body.destroy();
      throw tooLarge(what, limitBytes);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(what: string, limitBytes: number) {
  return payloadTooLarge(`${what} is larger than ${limitBytes} bytes`, { limitBytes });
}
