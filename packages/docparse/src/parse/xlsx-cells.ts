import type { CellValue } from 'exceljs';

const pad = (value: number) => String(value).padStart(2, '0');

/** Excel dates carry no zone (ExcelJS reads them as UTC): a day alone when there is no time of day. */
export function formatDate(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const [hours, minutes, seconds] = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()];
  if (hours === 0 && minutes === 0 && seconds === 0) return day;
  return `${day} ${pad(hours)}:${pad(minutes)}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
}

/** Whether an Excel number format shows a date or time: day, month, year, hour or second codes outside quotes. */
export function isDateFormat(format: string | undefined): boolean {
  if (format === undefined || /^general$/i.test(format)) return false;
  return /[dmyhs]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/** Serial day numbers as Excel stores them (1900 date system, counting its phantom 29 February 1900). */
const fromSerial = (serial: number) => new Date(Math.round((serial - 25569) * 86_400_000));

/** Excel shows 15 significant digits; so do we, which hides binary noise such as 0.30000000000000004. */
function formatNumber(value: number, format: string | undefined): string {
  if (isDateFormat(format)) return formatDate(fromSerial(value));
  if (format?.includes('%') === true) return `${Number((value * 100).toPrecision(15))}%`;
  return String(Number(value.toPrecision(15)));
}

type Value = CellValue | { richText: { text: string }[] } | { text: unknown };

/** The text a person sees in a cell: formulas show their last computed result, rich text its plain text. */
export function cellText(value: Value, format: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value, format);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('result' in value || 'formula' in value || 'sharedFormula' in value)
    return cellText(value.result ?? null, format);
  if ('error' in value) return value.error;
  if ('text' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as Value, format);
  return '';
}
