import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { AppError, isAppError } from '@astron/kit/errors';
import type { z } from 'zod';

/**
 * The original core-link's envelopes (`{code, message, sid, data}`, and `{header: {code, message, sid}, payload}`
 * for runs) with its numeric codes, so its clients keep working. Unlike the original, a failure also has a real
 * HTTP status (4xx for a bad call, 404 for an unknown tool, 502 when the tool's server fails).
 */

export const SUCCESS = { code: 0, message: 'Success' } as const;

/** The original's numeric code for each of our error codes (core/plugin/link utils/errors/code.py). */
const originalCodes: Record<string, number> = {
  validation_failed: 30201,
  invalid_inputs: 30201,
  missing_inputs: 30201,
  document_too_large: 30300,
  document_unreadable: 30300,
  document_not_openapi: 30300,
  document_invalid: 30300,
  document_has_no_operations: 30300,
  document_fetch_failed: 30300,
  external_ref_refused: 30300,
  server_url_missing: 30302,
  auth_secret_required: 30303,
  egress_blocked: 30203,
  tool_not_found: 30500,
  tool_version_not_found: 30501,
  tool_not_published: 30501,
  operation_not_found: 30600,
  tool_request_failed: 30403,
  mcp_server_not_found: 30702,
  mcp_connect_failed: 30703,
  mcp_timeout: 30703,
  mcp_list_failed: 30706,
  mcp_call_failed: 30707,
};

export function originalCode(error: AppError): number {
  if (error.code.startsWith('egress_') || error.code === 'oauth_token_failed') return originalCodes[error.code] ?? 30403;
  return originalCodes[error.code] ?? 30100;
}

/** The original's session ids are opaque strings; ours say where they come from. */
export const newSid = () => `link${randomBytes(10).toString('hex')}`;

/** The body parsed by `schema`, or a 400 naming each bad field (reported with the original's protocol code). */
export function parseCompat<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  throw new AppError({ status: 400, code: 'validation_failed', message: details.map((item) => `${item.field}: ${item.message}`).join('; '), details });
}

/** Answers `{code, message, sid, data}`: data on success, the error's status and code on an AppError. */
export async function replyManagement(reply: FastifyReply, work: () => Promise<Record<string, unknown>>): Promise<FastifyReply> {
  const sid = newSid();
  try {
    return await reply.send({ ...SUCCESS, sid, data: await work() });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return reply.status(error.status).send({ code: originalCode(error), message: error.message, sid, data: {}, ...(error.details === undefined ? {} : { details: error.details }) });
  }
}

/** Answers `{header: {code, message, sid}, payload}` as the original's http_run and tool_debug. */
export async function replyRun(reply: FastifyReply, work: () => Promise<{ status?: number; code?: number; message?: string; payload: Record<string, unknown> }>): Promise<FastifyReply> {
  const sid = newSid();
  try {
    const outcome = await work();
    return await reply.status(outcome.status ?? 200).send({ header: { code: outcome.code ?? SUCCESS.code, message: outcome.message ?? SUCCESS.message, sid }, payload: outcome.payload });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return reply.status(error.status).send({ header: { code: originalCode(error), message: error.message, sid }, payload: {} });
  }
}

/** A base64 field holding text (the original sends OpenAPI documents and run parts so). */
export function decodeBase64(value: string, field: string, kind: 'document' | 'part' = 'part'): string {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) {
    throw kind === 'document'
      ? new AppError({ status: 422, code: 'document_unreadable', message: `${field} is not base64 (the original API sends documents base64-encoded)` })
      : new AppError({ status: 400, code: 'validation_failed', message: `${field} is not base64` });
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}
