import { AppError, unavailable } from '../errors/index.js';

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function asSdkError(error: unknown): SdkError {
  return typeof error === 'object' && error !== null ? error : {};
}

export function httpStatusOf(error: unknown): number | undefined {
  return asSdkError(error).$metadata?.httpStatusCode;
}

export function isNotFound(error: unknown): boolean {
  const { name } = asSdkError(error);
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatusOf(error) === 404;
}

export function errorName(error: unknown): string {
  return asSdkError(error).name ?? 'Error';
}

/**
 * An S3 failure as an AppError: no answer or a 5xx means the store is unavailable (retryable);
 * any other refusal (403 AccessDenied, 400 ...) is a misconfiguration the caller cannot retry away.
 */
export function storageFailure(where: string, operation: string, error: unknown): AppError {
  const status = httpStatusOf(error);
  const reason = `${errorName(error)}: ${asSdkError(error).message ?? String(error)}`;
  if (status === undefined || status >= 500) {
    return unavailable(`object store ${where} is unavailable (${operation}): ${reason}`, error);
  }
  return new AppError({
    code: 'storage_error',
    message: `object store ${where} refused ${operation} with ${status} ${reason}`,
    status: 502,
    cause: error,
  });
}
