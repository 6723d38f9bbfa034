import type { ColumnInput, ColumnType, DatabaseColumn } from '../../api/database-types.js';

export interface ColumnValues {
  name: string;
  type: ColumnType;
  required: boolean;
  unique: boolean;
  /** As typed; empty: no default. */
  default: string;
  description: string;
}

export const NEW_COLUMN: ColumnValues = {
  name: '',
  type: 'string',
  required: false,
  unique: false,
  default: '',
  description: '',
};

export function columnValues(column: DatabaseColumn): ColumnValues {
  return {
    name: column.name,
    type: column.type === 'other' ? 'string' : column.type,
    required: column.required || !column.nullable,
    unique: column.unique ?? false,
    default: column.default ?? '',
    description: column.description ?? '',
  };
}

/** A default as the column's kind takes it: numbers and booleans as such, JSON parsed; undefined when it does not fit. */
export function defaultValue(text: string, type: ColumnType): { ok: true; value: unknown } | { ok: false } {
  const value = text.trim();
  if (type === 'integer' || type === 'number') {
    const number = Number(value);
    return Number.isFinite(number) && (type === 'number' || Number.isInteger(number))
      ? { ok: true, value: number }
      : { ok: false };
  }
  if (type === 'boolean')
    return value === 'true' || value === 'false' ? { ok: true, value: value === 'true' } : { ok: false };
  if (type === 'json') {
    try {
      return { ok: true, value: JSON.parse(value) as unknown };
    } catch {
      return { ok: false };
    }
  }
  return { ok: true, value: text };
}

export type ColumnProblem = 'validation.required' | 'databases.columns.badDefault';

export function columnProblems(values: ColumnValues): Partial<Record<'name' | 'default', ColumnProblem>> {
  const problems: Partial<Record<'name' | 'default', ColumnProblem>> = {};
  if (values.name.trim() === '') problems.name = 'validation.required';
  if (values.default !== '' && !defaultValue(values.default, values.type).ok)
    problems.default = 'databases.columns.badDefault';
  return problems;
}

/** A new column's body. */
export function toColumnInput(values: ColumnValues): ColumnInput {
  const parsed = values.default === '' ? null : defaultValue(values.default, values.type);
  return {
    name: values.name.trim(),
    type: values.type,
    required: values.required,
    unique: values.unique,
    description: values.description.trim() === '' ? null : values.description.trim(),
    ...(parsed !== null && parsed.ok ? { default: parsed.value } : {}),
  };
}

/** A change of a column: only what differs from before; an emptied default is dropped (null). */
export function toColumnPatch(values: ColumnValues, before: ColumnValues): Partial<ColumnInput> {
  const patch: Partial<ColumnInput> = {};
  if (values.name.trim() !== before.name) patch.name = values.name.trim();
  if (values.type !== before.type) patch.type = values.type;
  if (values.required !== before.required) patch.required = values.required;
  if (values.description.trim() !== before.description)
    patch.description = values.description.trim() === '' ? null : values.description.trim();
  if (values.default !== before.default) {
    const parsed = values.default === '' ? null : defaultValue(values.default, values.type);
    patch.default = parsed !== null && parsed.ok ? parsed.value : null;
  }
  return patch;
}
