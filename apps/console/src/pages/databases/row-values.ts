import type { DatabaseColumn, Row } from '../../api/database-types.js';
import { cellText } from './cell-text.js';

/** Columns people write: not filled by the database. */
export const writable = (columns: DatabaseColumn[]) =>
  columns.filter((column) => !column.automatic && !column.primaryKey);

/** The key a row is changed and deleted by. */
export function keyColumn(columns: DatabaseColumn[]): string {
  return columns.find((column) => column.primaryKey)?.name ?? 'id';
}

/** A row's values as the form shows them. */
export function rowTexts(columns: DatabaseColumn[], row: Row | null): Record<string, string> {
  return Object.fromEntries(
    writable(columns).map((column) => [
      column.name,
      row === null || row[column.name] === null || row[column.name] === undefined
        ? ''
        : typeof row[column.name] === 'object'
          ? JSON.stringify(row[column.name])
          : cellText(row[column.name]),
    ]),
  );
}

/**
 * The typed texts as values: an empty field is null (left out of a new row, so defaults apply), numbers and JSON
 * parsed. The service checks each value against its column again.
 */
export function rowValues(
  columns: DatabaseColumn[],
  texts: Record<string, string>,
  creating: boolean,
): { values: Row; invalid: string[] } {
  const values: Row = {};
  const invalid: string[] = [];
  for (const column of writable(columns)) {
    const text = texts[column.name] ?? '';
    if (text === '') {
      if (!creating) values[column.name] = null;
      continue;
    }
    if (column.type === 'integer' || column.type === 'number') {
      const number = Number(text.trim());
      if (Number.isFinite(number)) values[column.name] = number;
      else invalid.push(column.name);
    } else if (column.type === 'boolean') values[column.name] = text === 'true';
    else if (column.type === 'json') {
      try {
        values[column.name] = JSON.parse(text) as unknown;
      } catch {
        invalid.push(column.name);
      }
    } else values[column.name] = text;
  }
  return { values, invalid };
}
