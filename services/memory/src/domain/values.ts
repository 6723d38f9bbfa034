import type { ColumnKind } from './column-types.js';

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUE = new Set(['true', 't', '1', 'yes', 'y']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n']);

export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const accept = (value: unknown): Coerced => ({ ok: true, value });
const reject = (message: string): Coerced => ({ ok: false, message });

function fromText(kind: ColumnKind | 'other', text: string): Coerced {
  const trimmed = text.trim();
  switch (kind) {
    case 'integer':
      return INTEGER.test(trimmed) ? accept(trimmed) : reject(`expected an integer, got "${text}"`);
    case 'number':
      return NUMBER.test(trimmed) ? accept(trimmed) : reject(`expected a number, got "${text}"`);
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      return TRUE.has(lower) ? accept(true) : FALSE.has(lower) ? accept(false) : reject(`expected true or false, got "${text}"`);
    }
    case 'time':
      return Number.isNaN(Date.parse(trimmed)) ? reject(`expected a date and time such as 2024-05-01 13:30:00, got "${text}"`) : accept(trimmed);
    case 'date':
      return DATE.test(trimmed) && !Number.isNaN(Date.parse(trimmed)) ? accept(trimmed) : reject(`expected a date such as 2024-05-01, got "${text}"`);
    case 'uuid':
      return UUID.test(trimmed) ? accept(trimmed) : reject(`expected a UUID, got "${text}"`);
    case 'json':
      try {
        JSON.parse(text);
        return accept(text);
      } catch {
        return reject('expected JSON');
      }
    default:
      return accept(text);
  }
}

/**
 * A value for a column of kind `kind`, checked before it reaches the database so that the answer names
 * the column (the database's own message does not always). Text (a CSV cell, a JSON string) is read by the kind's
 * rules; JSON numbers and booleans are accepted where they fit; JSON columns take any JSON value.
 */
export function coerceValue(kind: ColumnKind | 'other', value: unknown): Coerced {
  if (value === null || value === undefined) return accept(null);
  if (kind === 'json') return accept(JSON.stringify(value));
  if (typeof value === 'string') return fromText(kind, value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return reject('expected a finite number');
    if (kind === 'integer' && !Number.isInteger(value)) return reject(`expected an integer, got ${value}`);
    if (kind === 'boolean' || kind === 'date' || kind === 'uuid') return reject(`expected ${kind === 'boolean' ? 'true or false' : `a ${kind}`}, got ${value}`);
    return accept(kind === 'string' ? String(value) : value);
  }
  if (typeof value === 'boolean') return kind === 'boolean' || kind === 'string' || kind === 'other' ? accept(kind === 'boolean' ? value : String(value)) : reject(`expected a ${kind}, got ${value}`);
  return reject(`expected a ${kind === 'other' ? 'value' : kind}, got ${Array.isArray(value) ? 'an array' : 'an object'}`);
}

/** A CSV cell: empty means no value (NULL), as the original's import read it; a json cell holds JSON text. */
export function coerceCell(kind: ColumnKind | 'other', cell: string): Coerced {
  if (cell === '') return accept(null);
  return kind === 'json' ? fromText(kind, cell) : coerceValue(kind, cell);
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A row as people see it. pg reads a `date` as a Date at local midnight, which JSON would print as an instant (a
 * day earlier east of UTC): dates of `date` columns go out as YYYY-MM-DD, read back with the same local clock.
 */
export function displayRow(columns: ReadonlyArray<{ name: string; type: ColumnKind | 'other' }>, row: Record<string, unknown>): Record<string, unknown> {
  const shown = { ...row };
  for (const column of columns) {
    const value = shown[column.name];
    if (column.type === 'date' && value instanceof Date) shown[column.name] = `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return shown;
}
