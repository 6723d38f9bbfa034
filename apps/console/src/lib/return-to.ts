/** A path inside the console to go back to after signing in; anything else (another site, `//host`) becomes '/'. */
export function safeReturnTo(value: unknown): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  )
    return '/';
  if (value.startsWith('/signin') || value.startsWith('/setup')) return '/';
  return value;
}
