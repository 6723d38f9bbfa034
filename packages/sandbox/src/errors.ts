import { AppError } from '@astron/kit/errors';
import type { CodeErrorCode } from './codes.js';

export { CODE_ERROR_CODES, isCodeErrorCode, type CodeErrorCode } from './codes.js';

/** 422: the request was understood, the code in it failed. */
export const codeError = (code: CodeErrorCode, message: string, details?: unknown) =>
  new AppError({ code, message, status: 422, details });

/** The request itself is malformed (not the code's fault at run time). */
export const codeRequestInvalid = (message: string) => new AppError({ code: 'code_request_invalid', message, status: 400 });

export const codeTimeout = (timeoutMs: number) =>
  codeError('code_timeout', `the code did not finish within ${timeoutMs} ms; make it faster or raise the node's timeout`, {
    timeoutMs,
  });

export const sandboxBusy = (language: string, queued: number) =>
  new AppError({
    code: 'sandbox_busy',
    message: `all ${language} sandboxes are busy and ${queued} runs are already waiting; try again shortly`,
    status: 503,
    retryable: true,
  });

export const sandboxUnavailable = (message: string, cause?: unknown) =>
  new AppError({ code: 'sandbox_unavailable', message, status: 503, retryable: true, cause });
