import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '@astron/kit/http';

/** OpenAI's error types by HTTP status, so SDKs raise the error class they would for OpenAI itself. */
function openaiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/**
 * Every /v1 error also carries OpenAI's shape: `{ error: { message, type, code, param } }` beside our
 * `{ code, message, details }`, so OpenAI clients show the message and our own clients keep reading `code`.
 */
export function openaiErrorShape(app: App, isGatewayRequest: (request: FastifyRequest) => boolean): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode < 400 || typeof payload !== 'string' || !isGatewayRequest(request)) return payload;
    let body: { code?: unknown; message?: unknown; error?: unknown };
    try {
      body = JSON.parse(payload) as typeof body;
    } catch {
      return payload;
    }
    if (typeof body !== 'object' || body === null || body.error !== undefined || typeof body.code !== 'string') return payload;
    const message = typeof body.message === 'string' ? body.message : body.code;
    return JSON.stringify({ error: { message, type: openaiType(reply.statusCode), code: body.code, param: null }, ...body });
  });
}
