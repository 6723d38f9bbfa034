import { AppError } from './app-error.js';

export const badRequest = (message: string, details?: unknown, code = 'bad_request') =>
  new AppError({ code, message, status: 400, details });

export const validationFailed = (message: string, details?: unknown) =>
  new AppError({ code: 'validation_failed', message, status: 400, details });

export const unauthorized = (message: string, code = 'unauthorized', details?: unknown) =>
  new AppError({ code, message, status: 401, details });

export const forbidden = (message: string, code = 'forbidden', details?: unknown) =>
  new AppError({ code, message, status: 403, details });

export const notFound = (what: string, id?: string) =>
  new AppError({
    code: 'not_found',
    message: id === undefined ? `${what} not found` : `${what} ${id} not found`,
    status: 404,
  });

export const conflict = (message: string, details?: unknown) =>
  new AppError({ code: 'conflict', message, status: 409, details });

export const payloadTooLarge = (message: string, details?: unknown) =>
  new AppError({ code: 'payload_too_large', message, status: 413, details });

export const tooManyRequests = (message: string, retryAfterSeconds?: number) =>
  new AppError({
    code: 'rate_limited',
    message,
    status: 429,
    retryable: true,
    details: retryAfterSeconds === undefined ? undefined : { retryAfterSeconds },
  });

export const unavailable = (message: string, cause?: unknown) =>
  new AppError({ code: 'unavailable', message, status: 503, retryable: true, cause });
