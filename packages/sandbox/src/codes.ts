/**
 * Failures of the user's code: the workflow author can act on each one; none is retryable.
 * Kept apart from errors.ts because workers import it and must not load the kit.
 */
export const CODE_ERROR_CODES = [
  'code_syntax_error',
  'code_main_missing',
  'code_exception',
  'code_result_invalid',
  'code_timeout',
  'code_memory_exceeded',
  'code_crashed',
] as const;

export type CodeErrorCode = (typeof CODE_ERROR_CODES)[number];

export function isCodeErrorCode(value: unknown): value is CodeErrorCode {
  return typeof value === 'string' && (CODE_ERROR_CODES as readonly string[]).includes(value);
}
