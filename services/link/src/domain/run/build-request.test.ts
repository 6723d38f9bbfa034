import { describe, expect, test } from 'vitest';
import type { Operation } from '../openapi/types.js';
import { buildRequest } from './build-request.js';

const operation = (overrides: Partial<Operation> = {}): Operation => ({
  operationId: 'updateItem',
  name: 'updateItem',
  method: 'POST',
  path: '/items/{itemId}/notes/{noteId}',
  summary: '',
  description: '',
  bodyMediaType: 'application/json',
  bodyKind: 'json',
  inputSchema: { type: 'object', properties: {}, required: ['itemId', 'noteId', 'title'] },
  bindings: [
    { input: 'itemId', in: 'path', name: 'itemId', explode: false },
    { input: 'noteId', in: 'path', name: 'noteId', explode: false },
    { input: 'tags', in: 'query', name: 'tags', explode: true },
    { input: 'ids', in: 'query', name: 'ids', explode: false },
    { input: 'filter', in: 'query', name: 'filter', explode: true },
    { input: 'X-Trace', in: 'header', name: 'X-Trace', explode: false },
    { input: 'session', in: 'cookie', name: 'session', explode: true },
    { input: 'title', in: 'body', property: 'title' },
    { input: 'count', in: 'body', property: 'count' },
  ],
  outputSchema: null,
  ...overrides,
});

describe('building the HTTP request of an operation', () => {
  test('path parameters are encoded; query arrays repeat or join; objects travel as JSON; the body is JSON', () => {
    const request = buildRequest(operation(), 'https://api.example.com/v1/', {
      itemId: 'a/b c?',
      noteId: 7,
      tags: ['x', 'y z'],
      ids: [1, 2],
      filter: { kind: 'open' },
      'X-Trace': 'abc',
      session: 's=1',
      title: 'Hello',
      count: 2,
      unknown: 'ignored',
    });
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe('https://api.example.com/v1/items/a%2Fb%20c%3F/notes/7?tags=x&tags=y+z&ids=1%2C2&filter=%7B%22kind%22%3A%22open%22%7D');
    expect(request.headers).toEqual({ 'x-trace': 'abc', cookie: 'session=s%3D1', accept: 'application/json, */*;q=0.8', 'content-type': 'application/json' });
    expect(JSON.parse(request.body ?? '')).toEqual({ title: 'Hello', count: 2 });
  });

  test('a whole-body input is sent as it is; a form body is url-encoded; no body without inputs for it', () => {
    const whole = operation({ inputSchema: { type: 'object', required: [] }, bindings: [{ input: 'body', in: 'body', property: null }], path: '/items' });
    expect(buildRequest(whole, 'https://api.example.com', { body: [1, 2, 3] }).body).toBe('[1,2,3]');
    expect(buildRequest(whole, 'https://api.example.com', {}).body).toBeUndefined();
    const form = operation({ bodyKind: 'form', bodyMediaType: 'application/x-www-form-urlencoded', path: '/subscribe', inputSchema: { type: 'object' }, bindings: [{ input: 'email', in: 'body', property: 'email' }, { input: 'city', in: 'body', property: 'city' }] });
    const request = buildRequest(form, 'https://api.example.com', { email: 'a@b.c', city: 'Hefei 合肥' });
    expect(request.body).toBe('email=a%40b.c&city=Hefei+%E5%90%88%E8%82%A5');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  test('required inputs, dot segments, line breaks in headers and non-objects are refused with 400', () => {
    expect(() => buildRequest(operation(), 'https://api.example.com', { itemId: '1' })).toThrow(expect.objectContaining({ status: 400, code: 'missing_inputs', details: { missing: ['noteId', 'title'] } }));
    expect(() => buildRequest(operation(), 'https://api.example.com', { itemId: '..', noteId: '1', title: 't' })).toThrow(expect.objectContaining({ status: 400, code: 'invalid_inputs' }));
    expect(() => buildRequest(operation(), 'https://api.example.com', { itemId: '1', noteId: '1', title: 't', 'X-Trace': 'a\r\nX-Evil: 1' })).toThrow(expect.objectContaining({ status: 400, message: 'input for header X-Trace holds a line break' }));
    expect(() => buildRequest(operation(), 'https://api.example.com', [1])).toThrow(expect.objectContaining({ code: 'invalid_inputs' }));
  });
});
