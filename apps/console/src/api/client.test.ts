// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fakeNetwork } from '../test/render-app.js';
import { ApiError, createApiClient } from './client.js';

const me = { user: { id: 'us_1' }, csrfToken: 'token-from-me' };

describe('api client', () => {
  it('sends cookies on every call and the CSRF token from /api/me on unsafe methods only', async () => {
    const network = fakeNetwork({
      'GET /api/me': () => ({ body: me }),
      'GET /api/members': () => ({ body: { items: [] } }),
      'PATCH /api/space': () => ({ body: { id: 'sp' } }),
    });
    const client = createApiClient({ fetch: network.fetch });
    await client.get('/api/members');
    await client.patch('/api/space', { name: 'New' });
    expect(network.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/members',
      'GET /api/me',
      'PATCH /api/space',
    ]);
    expect(network.calls[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(network.calls[2]?.headers['x-csrf-token']).toBe('token-from-me');
    expect(network.calls[2]?.headers['content-type']).toBe('application/json');
    for (const [, init] of network.fetch.mock.calls) expect(init?.credentials).toBe('include');
  });

  it('takes the token from any Me answer (sign-in) and sends no body or content type when there is none', async () => {
    const network = fakeNetwork({
      'GET /api/me': () => ({ status: 401, body: { code: 'not_signed_in', message: 'sign in first' } }),
      'POST /api/auth/login': () => ({ body: { ...me, csrfToken: 'fresh' } }),
      'POST /api/providers/pv_1/test': () => ({ body: { ok: true } }),
    });
    const onUnauthorized = vi.fn();
    const client = createApiClient({ fetch: network.fetch, onUnauthorized });
    await client.post('/api/auth/login', { email: 'a@b.c', password: 'x' }, { csrf: false });
    expect(network.calls.map((call) => call.path)).toEqual(['/api/auth/login']);
    expect(network.calls[0]?.headers['x-csrf-token']).toBeUndefined();
    await client.post('/api/providers/pv_1/test');
    const last = network.calls[network.calls.length - 1];
    expect(last?.headers['x-csrf-token']).toBe('fresh');
    expect(last?.headers['content-type']).toBeUndefined();
    expect(network.fetch.mock.calls.at(-1)?.[1]?.body).toBeUndefined();
    // The quiet /api/me probe before sign-in is no reason to leave the page.
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('fetches a new token and retries once when the server says csrf_failed', async () => {
    let tokens = 0;
    const network = fakeNetwork({
      'GET /api/me': () => ({ body: { ...me, csrfToken: `token-${++tokens}` } }),
      'DELETE /api/api-keys/k1': (call) =>
        call.headers['x-csrf-token'] === 'token-2'
          ? { status: 204 }
          : { status: 403, body: { code: 'csrf_failed', message: 'missing or wrong x-csrf-token header' } },
    });
    const client = createApiClient({ fetch: network.fetch });
    await expect(client.delete('/api/api-keys/k1')).resolves.toBeUndefined();
    expect(network.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /api/me',
      'DELETE /api/api-keys/k1',
      'GET /api/me',
      'DELETE /api/api-keys/k1',
    ]);
  });

  it('turns error answers into ApiError with code, message, details and field errors', async () => {
    const network = fakeNetwork({
      'POST /api/providers': () => ({
        status: 400,
        body: {
          code: 'validation_failed',
          message: 'baseUrl must be an http:// or https:// URL',
          details: [
            { field: 'baseUrl', message: 'must be an http:// or https:// URL' },
            { field: 'body.name', message: 'must not be empty' },
            { field: '/headers/X-Trace', message: 'must be one line' },
          ],
        },
      }),
    });
    const client = createApiClient({ fetch: network.fetch });
    client.setCsrfToken('t');
    const error = await client.post('/api/providers', {}).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect([apiError.status, apiError.code, apiError.message]).toEqual([
      400,
      'validation_failed',
      'baseUrl must be an http:// or https:// URL',
    ]);
    expect(apiError.fieldErrors()).toEqual({
      baseUrl: 'must be an http:// or https:// URL',
      name: 'must not be empty',
      'headers.X-Trace': 'must be one line',
    });
  });

  it('calls onUnauthorized for an ended session, but not for wrong credentials or when told not to', async () => {
    const network = fakeNetwork({
      'GET /api/members': () => ({ status: 401, body: { code: 'not_signed_in', message: 'sign in first' } }),
      'POST /api/auth/login': () => ({
        status: 401,
        body: { code: 'invalid_credentials', message: 'wrong email or password' },
      }),
      'GET /api/me': () => ({ status: 401, body: { code: 'not_signed_in', message: 'sign in first' } }),
    });
    const onUnauthorized = vi.fn();
    const client = createApiClient({ fetch: network.fetch, onUnauthorized });
    await expect(client.get('/api/members')).rejects.toMatchObject({ status: 401, code: 'not_signed_in' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    await expect(client.post('/api/auth/login', {})).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(client.get('/api/me', { redirectOnUnauthorized: false })).rejects.toMatchObject({
      code: 'not_signed_in',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports a proxy error page and an unreachable server plainly', async () => {
    const proxy = createApiClient({
      fetch: async () => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    await expect(proxy.get('/api/members')).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const offline = createApiClient({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(offline.get('/api/members')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('prefixes the runtime API base URL and builds query strings without empty values', async () => {
    const network = fakeNetwork({ 'GET /api/audit': () => ({ body: { items: [], nextCursor: null } }) });
    const client = createApiClient({ fetch: network.fetch, baseUrl: 'https://hub.example.com' });
    await client.get('/api/audit', { query: { cursor: null, limit: 50, action: '' } });
    expect(network.calls[0]?.path).toBe('/api/audit?limit=50');
    expect(network.fetch.mock.calls[0]?.[0]).toBe('https://hub.example.com/api/audit?limit=50');
    expect(client.url('/api/auth/oidc/start', { returnTo: '/members?x=1' })).toBe(
      'https://hub.example.com/api/auth/oidc/start?returnTo=%2Fmembers%3Fx%3D1',
    );
  });
});
