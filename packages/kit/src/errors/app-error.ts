export interface AppErrorOptions {
  code: string;
  message: string;
  status: number;
  retryable?: boolean;
  details?: unknown;
  cause?: unknown;
}

/**
 * The one error type services throw on purpose. The HTTP error handler turns it into
 * `{ code, message, details }` with its status; anything else becomes a 500 with a request id.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryable: boolean;
  readonly details: unknown;

  constructor(options: AppErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  toBody(): { code: string; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
