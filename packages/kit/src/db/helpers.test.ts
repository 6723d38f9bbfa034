import { describe, expect, it } from 'vitest';
import { qualifiedTable, sqlTypeName } from './dialect.js';
import { isConnectionError, isUniqueViolation, setupFailed } from './errors.js';
import { checkNamespace } from './namespace.js';
import { parseBigint } from './postgres-types.js';
import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  DummyDriver,
  Kysely,
  sql,
} from 'kysely';

describe('checkNamespace', () => {
  it('accepts safe identifiers and rejects the rest', () => {
    expect(checkNamespace('hub')).toBe('hub');
    expect(checkNamespace(`a${'b'.repeat(62)}`)).toHaveLength(63);
    for (const bad of ['', 'Hub', '1hub', 'hub-x', 'hub"; drop', `a${'b'.repeat(63)}`]) {
      expect(() => checkNamespace(bad)).toThrow(expect.objectContaining({ code: 'invalid_config' }) as Error);
    }
  });
});

describe('sqlTypeName', () => {
  it('maps portable types per dialect', () => {
    expect(sqlTypeName('postgres', 'json')).toBe('jsonb');
    expect(sqlTypeName('mysql', 'json')).toBe('json');
    expect(sqlTypeName('postgres', 'timestamp')).toBe('timestamptz');
    expect(sqlTypeName('mysql', 'timestamp')).toBe('datetime(3)');
    expect(sqlTypeName('mysql', 'string')).toBe('varchar(255)');
  });
});

describe('qualifiedTable', () => {
  it('quotes the namespace and table', () => {
    const compiler = new Kysely<unknown>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new PostgresIntrospector(db),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    expect(sql`select * from ${qualifiedTable({ namespace: 'hub' }, 'users')}`.compile(compiler).sql).toBe(
      'select * from "hub"."users"',
    );
  });
});

describe('parseBigint', () => {
  it('returns exact numbers and keeps larger values as text', () => {
    expect(parseBigint('42')).toBe(42);
    expect(parseBigint('-9007199254740991')).toBe(-9007199254740991);
    expect(parseBigint('9007199254740993')).toBe('9007199254740993');
  });
});

describe('error classification', () => {
  it('recognizes unique violations on both dialects', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(true);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it('tells connection failures from rejected statements', () => {
    expect(isConnectionError(Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError({ code: '08006' })).toBe(true);
    expect(isConnectionError({ code: '42P01' })).toBe(false);
    expect(setupFailed('postgres', 'db:5432', 'hub', { code: 'ECONNREFUSED', message: '' })).toMatchObject({
      code: 'unavailable',
    });
    expect(setupFailed('postgres', 'db:5432', 'hub', new Error('permission denied'))).toMatchObject({
      code: 'database_setup_failed',
      message: 'cannot prepare namespace "hub" on postgres at db:5432: permission denied',
    });
  });
});
