import type { TFunction } from 'i18next';
import { isApiError } from '../api/index.js';

// Codes whose server message is replaced by a translated one; others show the server's own words.
const TRANSLATED = [
  'network_error',
  'invalid_credentials',
  'account_locked',
  'already_set_up',
  'last_owner',
  'permission_denied',
  'csrf_failed',
  'not_signed_in',
  'rate_limited',
  'invitation_expired',
  'invitation_email_mismatch',
  'account_exists',
  'weak_password',
] as const;

function isTranslated(code: string): code is (typeof TRANSLATED)[number] {
  return (TRANSLATED as readonly string[]).includes(code);
}

/** What to tell a person about a failed call. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    const code = error.code;
    if (isTranslated(code)) {
      const lockedUntil = code === 'account_locked' ? lockedUntilOf(error.details) : undefined;
      return t(`errors.${code}`, { time: lockedUntil ?? '' });
    }
    if (error.status >= 500 && error.message === '') return t('errors.server');
    return error.message;
  }
  return error instanceof Error && error.message !== '' ? error.message : t('errors.unknown');
}

function lockedUntilOf(details: unknown): string | undefined {
  if (details === null || typeof details !== 'object' || !('lockedUntil' in details)) return undefined;
  const value = details.lockedUntil;
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleTimeString();
}

/** The server's field errors (400 validation_failed), for the fields a form shows. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  return isApiError(error) && error.code === 'validation_failed' ? error.fieldErrors() : {};
}

/** The server's message for a field, also when it names a part of it ("headers.X-Trace", "models.0.id"). */
export function fieldError(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field] !== undefined) return errors[field];
  const nested = Object.keys(errors).find(
    (name) => name.startsWith(`${field}.`) || name.startsWith(`${field}[`),
  );
  return nested === undefined ? undefined : errors[nested];
}
