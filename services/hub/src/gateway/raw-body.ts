import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { payloadTooLarge } from '@astron/kit/errors';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** The body bytes exactly as received: a signature's digest covers these, not a re-serialized JSON. */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return rawBodies.get(request) ?? Buffer.alloc(0);
}

/**
 * A preParsing hook: reads the whole body (within the limit), keeps it, and hands the parser an
 * identical stream so JSON parsing and validation work as on any other route.
 */
export function keepRawBody(limitBytes: number) {
  return async (request: FastifyRequest, _reply: unknown, payload: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream> => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limitBytes) throw payloadTooLarge(`the body is larger than ${limitBytes} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > limitBytes) throw payloadTooLarge(`the body is larger than ${limitBytes} bytes`);
      chunks.push(bytes);
    }
    const body = Buffer.concat(chunks);
    rawBodies.set(request, body);
    const replay = Readable.from(body.length === 0 ? [] : [body]) as Readable & { receivedEncodedLength?: number };
    replay.receivedEncodedLength = body.length;
    return replay;
  };
}
