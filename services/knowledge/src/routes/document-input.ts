import type { FastifyRequest } from 'fastify';
import { badRequest, validationFailed } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import type { z } from 'zod';
import { documentTooLarge } from '../domain/errors.js';
import type { DocumentInput } from '../domain/intake.js';
import { chunkingPatchSchema } from '../domain/settings.js';
import type { ChunkingSettings } from '../store/tables.js';

/** Room for the multipart framing (boundaries, part headers, a chunking field) around the largest file. */
const FORM_OVERHEAD = 1024 * 1024;

/**
 * multipart/form-data bodies arrive whole as a Buffer, read here rather than by Fastify so that a file over the limit
 * is refused with the limit in the answer; Node's web `Response` then reads the form (no extra package).
 */
export function acceptMultipart(app: App, maxFileBytes: number): void {
  app.addContentTypeParser('multipart/form-data', async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    const limit = maxFileBytes + FORM_OVERHEAD;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) throw documentTooLarge(null, maxFileBytes);
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of payload) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part;
      size += bytes.length;
      if (size > limit) throw documentTooLarge(null, maxFileBytes);
      parts.push(bytes);
    }
    return Buffer.concat(parts);
  });
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ field: [where, ...issue.path.map(String)].join('.'), message: issue.message }));
  throw validationFailed(details.map((item) => `${item.field}: ${item.message}`).join('; '), details);
}

async function formOf(request: FastifyRequest): Promise<FormData> {
  try {
    return await new Response(request.body as Buffer, { headers: { 'content-type': String(request.headers['content-type']) } }).formData();
  } catch {
    throw badRequest('the multipart body could not be read', undefined, 'invalid_multipart');
  }
}

export interface DocumentRequest {
  input: DocumentInput;
  chunking?: Partial<ChunkingSettings>;
}

/**
 * The document of a request: a multipart `file` (its name from the part), or JSON `{url}` or `{name, text}` checked
 * with `jsonSchema`. A multipart request may carry `chunking` as a JSON field (for a preview).
 */
export async function readDocumentRequest(request: FastifyRequest, jsonSchema: z.ZodType<{ url?: string | undefined; name?: string | undefined; text?: string | undefined; chunking?: Partial<ChunkingSettings> | undefined }>): Promise<DocumentRequest> {
  if (Buffer.isBuffer(request.body)) {
    const form = await formOf(request);
    const files = form.getAll('file').filter((entry): entry is File => typeof entry !== 'string');
    if (files.length !== 1) throw badRequest(`send exactly one file in the multipart field "file" (got ${files.length})`, undefined, 'file_required');
    const file = files[0] as File;
    const chunkingField = form.get('chunking');
    let chunking: Partial<ChunkingSettings> | undefined;
    if (typeof chunkingField === 'string') {
      let value: unknown;
      try {
        value = JSON.parse(chunkingField);
      } catch {
        throw badRequest('the "chunking" field is not JSON', undefined, 'validation_failed');
      }
      chunking = parsed(chunkingPatchSchema, value, 'chunking');
    }
    return { input: { kind: 'file', name: file.name, bytes: Buffer.from(await file.arrayBuffer()) }, ...(chunking === undefined ? {} : { chunking }) };
  }
  const body = parsed(jsonSchema, request.body, 'body');
  const chunking = body.chunking;
  // The schema makes sure there is a url, or a name and a text.
  const input: DocumentInput = body.url !== undefined ? { kind: 'url', url: body.url } : { kind: 'text', name: body.name ?? '', text: body.text ?? '' };
  return { input, ...(chunking === undefined ? {} : { chunking }) };
}
