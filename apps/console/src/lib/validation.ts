/**
 * Checks run before a form is sent. Each returns the i18n key of its message, or undefined when the value is fine;
 * the server checks again (its `details[].field` messages are shown on the same fields).
 */
export type ValidationKey =
  | 'validation.required'
  | 'validation.email'
  | 'validation.passwordLength'
  | 'validation.url'
  | 'validation.passwordsDiffer'
  | 'validation.headerName'
  | 'validation.duplicate'
  | 'validation.tooLong'
  | 'validation.temperature'
  | 'validation.maxTokens'
  | 'validation.maxSteps'
  | 'validation.memoryTokens'
  | 'validation.tooMany'
  | 'validation.alias';

export type Check = (value: string) => ValidationKey | undefined;

export const MIN_PASSWORD_LENGTH = 10;

export const required: Check = (value) => (value.trim() === '' ? 'validation.required' : undefined);

export const email: Check = (value) =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? undefined : 'validation.email';

export const password: Check = (value) =>
  value.length >= MIN_PASSWORD_LENGTH ? undefined : 'validation.passwordLength';

export const httpUrl: Check = (value) => {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'validation.url';
  } catch {
    return 'validation.url';
  }
};

// RFC 7230 token characters.
export const headerName: Check = (value) =>
  /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value.trim()) ? undefined : 'validation.headerName';

/** The first failing check of a value. */
export function check(value: string, ...checks: Check[]): ValidationKey | undefined {
  for (const run of checks) {
    const failed = run(value);
    if (failed !== undefined) return failed;
  }
  return undefined;
}

/** Drops the fields without an error, so `Object.keys(errors).length === 0` means "valid". */
export function compact<K extends string>(
  errors: Partial<Record<K, ValidationKey | undefined>>,
): Partial<Record<K, ValidationKey>> {
  const result: Partial<Record<K, ValidationKey>> = {};
  for (const [field, key] of Object.entries(errors) as [K, ValidationKey | undefined][])
    if (key !== undefined) result[field] = key;
  return result;
}
