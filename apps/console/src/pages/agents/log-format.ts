/** A count or a number of tokens, grouped the language's way ("12,345"). */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** Milliseconds as seconds with at most one decimal ("1.2"), for durations of a second or more. */
export function formatSeconds(ms: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(ms / 1000);
}
