const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** "12 KB", "3.4 MB": a file's size for people (1 KB = 1024 bytes, as file managers show it); '' when unknown. */
export function formatBytes(bytes: number | null, language: string): string {
  if (bytes === null) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(language, { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}
