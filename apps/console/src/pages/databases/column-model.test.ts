import { describe, expect, it } from 'vitest';
import { columnProblems, defaultValue, NEW_COLUMN, toColumnInput, toColumnPatch } from './column-model.js';
import { rowValues } from './row-values.js';
import { tableOf } from './test-support.js';

describe('column designer', () => {
  it('takes defaults as the column type reads them', () => {
    expect(defaultValue('3', 'integer')).toEqual({ ok: true, value: 3 });
    expect(defaultValue('3.5', 'integer')).toEqual({ ok: false });
    expect(defaultValue('{"a":1}', 'json')).toEqual({ ok: true, value: { a: 1 } });
    expect(columnProblems({ ...NEW_COLUMN, type: 'boolean', default: 'yes' })).toEqual({
      name: 'validation.required',
      default: 'databases.columns.badDefault',
    });
    expect(toColumnInput({ ...NEW_COLUMN, name: ' price ', type: 'number', default: '9.5' })).toEqual({
      name: 'price',
      type: 'number',
      required: false,
      unique: false,
      description: null,
      default: 9.5,
    });
  });

  it('sends only what changed, and null to drop a default', () => {
    const before = { ...NEW_COLUMN, name: 'price', type: 'number' as const, default: '0' };
    expect(toColumnPatch({ ...before, default: '', required: true }, before)).toEqual({
      required: true,
      default: null,
    });
    expect(toColumnPatch(before, before)).toEqual({});
  });
});

describe('row values', () => {
  const columns = tableOf('items').columns;

  it('leaves empty fields out of a new row and sets them to null in a change', () => {
    expect(rowValues(columns, { item: 'pen', quantity: '' }, true)).toEqual({
      values: { item: 'pen' },
      invalid: [],
    });
    expect(rowValues(columns, { item: '', quantity: '2' }, false)).toEqual({
      values: { item: null, quantity: 2 },
      invalid: [],
    });
    expect(rowValues(columns, { item: 'pen', quantity: 'x' }, true).invalid).toEqual(['quantity']);
  });
});
