import { describe, expect, it } from 'vitest';
import { authProblems, authValues, MASK, toAuth } from './auth-model.js';
import { fieldsOf, inputsFrom, parseObject } from './schema-form-model.js';

describe('auth form', () => {
  it('sends the mask back to keep a stored secret, but not across a type change', () => {
    const values = authValues({ type: 'basic', username: 'ada', password: MASK });
    expect(authProblems(values, 'basic')).toEqual({});
    expect(toAuth(values)).toEqual({ type: 'basic', username: 'ada', password: MASK });
    expect(authProblems({ ...values, type: 'bearer' }, 'basic')).toEqual({ secret: 'validation.required' });
  });

  it('turns OAuth2 scopes into a list and checks the token URL', () => {
    const values = {
      ...authValues({ type: 'none' }),
      type: 'oauth2' as const,
      tokenUrl: 'ftp://x',
      clientId: 'app',
      secret: 's',
      scopes: 'read, write  admin',
    };
    expect(authProblems(values, 'none')).toEqual({ tokenUrl: 'validation.url' });
    expect(toAuth({ ...values, tokenUrl: 'https://auth.example/token' })).toEqual({
      type: 'oauth2',
      tokenUrl: 'https://auth.example/token',
      clientId: 'app',
      clientSecret: 's',
      clientAuth: 'basic',
      scopes: ['read', 'write', 'admin'],
    });
  });
});

describe('schema form', () => {
  const fields = fieldsOf({
    type: 'object',
    properties: {
      q: { type: 'string' },
      limit: { type: 'integer' },
      exact: { type: 'boolean' },
      filter: { type: 'object' },
      sort: { enum: ['asc', 'desc'] },
    },
    required: ['q'],
  })!;

  it('draws a field per property with its kind', () => {
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['q', 'string', true],
      ['limit', 'integer', false],
      ['exact', 'boolean', false],
      ['filter', 'json', false],
      ['sort', 'enum', false],
    ]);
    expect(fieldsOf({ type: 'array' })).toBeNull();
  });

  it('parses numbers, booleans and JSON, leaves empty optional fields out, and names what is wrong', () => {
    expect(
      inputsFrom(fields, { q: 'pens', limit: '5', exact: 'false', filter: '{"a":1}', sort: '' }),
    ).toEqual({ ok: true, inputs: { q: 'pens', limit: 5, exact: false, filter: { a: 1 } } });
    expect(inputsFrom(fields, { limit: '2.5', filter: '{' })).toEqual({
      ok: false,
      errors: { q: 'required', limit: 'number', filter: 'json' },
    });
    expect(parseObject('')).toEqual({});
    expect(parseObject('[1]')).toBeNull();
  });
});
