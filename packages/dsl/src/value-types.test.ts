import { describe, expect, test } from 'vitest';
import { isAssignable, resolveOutput, typeTagOf } from './value-types.js';

describe('value types', () => {
  test('both spellings of an array type', () => {
    expect(typeTagOf({ type: 'array', items: { type: 'string' } })).toBe('array-string');
    expect(typeTagOf({ type: 'array-object' })).toBe('array-object');
    expect(typeTagOf({ type: 'array' })).toBe('array');
    expect(typeTagOf({ type: '' })).toBe('any');
  });

  test('what fits what', () => {
    expect(isAssignable('number', 'integer')).toBe(true);
    expect(isAssignable('integer', 'number')).toBe(false);
    expect(isAssignable('array-string', 'string')).toBe(false);
    expect(isAssignable('array', 'array-object')).toBe(true);
    expect(isAssignable('string', 'any')).toBe(true);
  });

  test('paths into outputs, engine form and console form', () => {
    const engine = [
      {
        name: 'results',
        schema: { type: 'array', items: { type: 'object', properties: { score: { type: 'number' }, meta: { type: 'object', properties: { page: { type: 'integer' } } } } } },
      },
    ];
    expect(resolveOutput(engine, 'results')).toEqual({ found: true, type: 'array-object' });
    expect(resolveOutput(engine, 'results.score')).toEqual({ found: true, type: 'array-number' });
    expect(resolveOutput(engine, 'results.meta.page')).toEqual({ found: true, type: 'array-integer' });
    expect(resolveOutput(engine, 'results.title')).toEqual({ found: false, missing: 'title' });
    const console = [
      {
        name: 'key2',
        schema: { type: 'object', properties: [{ name: 'key21', type: 'string' }, { name: 'rows', type: 'array-object', properties: [{ name: 'id', type: 'integer' }] }] },
      },
    ];
    expect(resolveOutput(console, 'key2.key21')).toEqual({ found: true, type: 'string' });
    expect(resolveOutput(console, 'key2.rows.id')).toEqual({ found: true, type: 'array-integer' });
    expect(resolveOutput(console, 'key3')).toEqual({ found: false, missing: 'key3' });
    expect(resolveOutput([{ name: 'free', schema: { type: 'object' } }], 'free.anything')).toEqual({ found: true, type: 'any' });
  });
});
