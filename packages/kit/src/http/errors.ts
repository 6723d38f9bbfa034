import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isConnectionError } from '../db/errors.js';
import { isAppError } from '../errors/index.js';

interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

/**
 * One place turns errors into `{ code, message, details }`. AppErrors keep their status; request
 * validation becomes 400 naming each field; Fastify's own 4xx keep their status; a database that cannot be
 * reached (or has no free connection in time) is a 503 with Retry-After; anything else is a
 * 500 whose details stay in the log, joined to the client's report by the request id.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    if (isAppError(error)) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (error.status === 429 && retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
      return reply.status(error.status).send(error.toBody());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        field: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
        message: issue.message ?? 'is invalid',
      }));
      const message = details.map((item) => `${item.field}: ${item.message}`).join('; ');
      return reply.status(400).send({ code: 'validation_failed', message, details } satisfies ErrorBody);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500 && !isResponseSerializationError(error)) {
      return reply.status(status).send({ code: fastifyCode(error), message: error.message } satisfies ErrorBody);
    }
    if (isConnectionError(error)) {
      // The database is down or every connection is busy for too long: the client may try again shortly.
      request.log.error({ err: error }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ code: 'unavailable', message: `the database is unavailable or overloaded; try again shortly (request ${requestId})`, requestId } satisfies ErrorBody);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ code: 'internal', message: `internal error (request ${requestId})`, requestId } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}

const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
};

function fastifyCode(error: FastifyError): string {
  if (error instanceof SyntaxError) return 'invalid_json';
  return fastifyCodes[error.code] ?? 'bad_request';
}
