import type { FastifyRequest } from 'fastify';
import { badRequest, payloadTooLarge, validationFailed } from '@astron/kit/errors';
import type { App } from '@astron/kit/http';
import { z } from 'zod';
import type { InputFile } from '../files/file-links.js';
import { modelChoiceSchema } from '../models/slots.js';
import type { RunRequest } from '../tools/run-tool.js';

/** Room for the multipart framing (boundaries, part headers, the inputs and models fields) around the largest file. */
const FORM_OVERHEAD = 1024 * 1024;

function fileTooLarge(maxFileBytes: number) {
  return payloadTooLarge(`the upload is larger than ${maxFileBytes} bytes (AITOOLS_MAX_FILE_MB)`, { limitBytes: maxFileBytes });
}

/**
 * multipart/form-data bodies arrive whole as a Buffer, read here rather than by Fastify so that a file over the limit
 * is refused with the limit in the answer; Node's web `Response` then reads the form.
 */
export function acceptMultipart(app: App, maxFileBytes: number): void {
  app.addContentTypeParser('multipart/form-data', async (request: FastifyRequest, payload: NodeJS.ReadableStream) => {
    const limit = maxFileBytes + FORM_OVERHEAD;
    if (Number(request.headers['content-length'] ?? 0) > limit) throw fileTooLarge(maxFileBytes);
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of payload) {
      const bytes = typeof part === 'string' ? Buffer.from(part) : part;
      size += bytes.length;
      if (size > limit) throw fileTooLarge(maxFileBytes);
      parts.push(bytes);
    }
    return Buffer.concat(parts);
  });
}

const runBodySchema = z
  .object({
    inputs: z.record(z.string(), z.unknown()).default({}),
    models: modelChoiceSchema.default({}),
  })
  .strict();

function checked(value: unknown): z.output<typeof runBodySchema> {
  const result = runBodySchema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ field: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
  throw validationFailed(details.map((item) => `${item.field}: ${item.message}`).join('; '), details);
}

function jsonField(form: FormData, name: string): unknown {
  const value = form.get(name);
  if (value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`the multipart field "${name}" must be JSON text, not a file`, undefined, 'validation_failed');
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badRequest(`the multipart field "${name}" is not JSON`, undefined, 'validation_failed');
  }
}

async function readForm(body: Buffer, contentType: string, maxFileBytes: number): Promise<RunRequest> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest('the multipart body could not be read', undefined, 'invalid_multipart');
  }
  const unknown = [...new Set(form.keys())].filter((name) => !['inputs', 'models', 'file'].includes(name));
  if (unknown.length > 0) throw badRequest(`unknown multipart fields ${unknown.join(', ')}: send "inputs" and "models" (JSON) and one "file"`, undefined, 'validation_failed');
  const files = form.getAll('file').filter((entry): entry is File => typeof entry !== 'string');
  if (files.length > 1 || form.getAll('file').length !== files.length) throw badRequest('send at most one file, in the multipart field "file"', undefined, 'validation_failed');
  const { inputs, models } = checked({ inputs: jsonField(form, 'inputs'), models: jsonField(form, 'models') });
  const file = files[0];
  let upload: InputFile | null = null;
  if (file !== undefined) {
    if (file.size > maxFileBytes) throw fileTooLarge(maxFileBytes);
    upload = { name: file.name || 'file', contentType: file.type || 'application/octet-stream', bytes: Buffer.from(await file.arrayBuffer()) };
  }
  return { inputs, models, upload };
}

/** A run: JSON `{inputs, models?}`, or multipart with `inputs` and `models` as JSON fields and one `file`. */
export async function readRunRequest(request: FastifyRequest, maxFileBytes: number): Promise<RunRequest> {
  if (Buffer.isBuffer(request.body)) return readForm(request.body, String(request.headers['content-type']), maxFileBytes);
  const { inputs, models } = checked(request.body ?? {});
  return { inputs, models, upload: null };
}
