/** A small typed fetch wrapper for the hub's console API (docs/api/console-api.md). */

export interface FieldError {
  field: string;
  message: string;
}

/** An answer of the API that is not a success: `{ code, message, details }` and the HTTP status (0: no answer). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The field errors of a 400 `validation_failed`, keyed by field name (the first message wins). */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    if (!Array.isArray(this.details)) return errors;
    for (const entry of this.details as unknown[]) {
      if (entry === null || typeof entry !== 'object') continue;
      const { field, message } = entry as Partial<FieldError>;
      if (typeof field !== 'string' || typeof message !== 'string') continue;
      // Servers spell paths differently ("body.email", "/headers/0"): keep the part a form names.
      const name = field
        .replace(/^\/+/, '')
        .replace(/\//g, '.')
        .replace(/^body\./, '');
      if (errors[name] === undefined) errors[name] = message;
    }
    return errors;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | null | undefined>;
  signal?: AbortSignal;
  /** false: a 401 `not_signed_in` only throws (pages that check the session themselves). */
  redirectOnUnauthorized?: boolean;
  /** false: a call made before any session exists (setup, sign-in) needs no CSRF token, so none is fetched. */
  csrf?: boolean;
  /** A body that is not JSON (a CSV file): sent as it is, with this content type. */
  contentType?: string;
  /** 'text': the answer is a file (a CSV export), returned as its text whatever it looks like. */
  responseType?: 'json' | 'text';
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called on 401 `not_signed_in` (the session ended): the app goes to /signin. */
  onUnauthorized?: () => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  let csrfToken: string | null = null;

  function remember(body: unknown): void {
    // Every answer that is a `Me` carries the session's CSRF token (setup, login, /api/me, space switch, accept).
    if (body !== null && typeof body === 'object' && 'csrfToken' in body && 'user' in body) {
      const token = (body as { csrfToken: unknown }).csrfToken;
      if (typeof token === 'string') csrfToken = token;
    }
  }

  async function send(method: string, path: string, request: RequestOptions): Promise<unknown> {
    const raw = request.contentType !== undefined;
    const headers: Record<string, string> = { accept: request.responseType === 'text' ? '*/*' : 'application/json' };
    if (request.body !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
    if (!SAFE_METHODS.has(method) && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    let response: Response;
    try {
      response = await fetchImpl(baseUrl + withQuery(path, request.query), {
        method,
        headers,
        credentials: 'include',
        body: request.body === undefined ? undefined : raw && typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
        signal: request.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(
        0,
        'network_error',
        error instanceof Error ? error.message : 'the server could not be reached',
      );
    }
    if (response.ok && request.responseType === 'text') return response.text();
    const body = await readBody(response);
    if (response.ok) {
      remember(body);
      return body;
    }
    throw toApiError(response, body);
  }

  async function refreshCsrfToken(): Promise<void> {
    try {
      remember(await send('GET', '/api/me', { redirectOnUnauthorized: false }));
    } catch {
      // Not signed in: public calls (setup, login) need no token, and session calls will say 401 themselves.
    }
  }

  async function request<T>(method: string, path: string, request: RequestOptions = {}): Promise<T> {
    const unsafe = !SAFE_METHODS.has(method);
    if (unsafe && csrfToken === null && request.csrf !== false) await refreshCsrfToken();
    try {
      return (await send(method, path, request)) as T;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (unsafe && error.code === 'csrf_failed') {
        // The session changed under us (signed in elsewhere, expired token): fetch the new token and try once more.
        csrfToken = null;
        await refreshCsrfToken();
        if (csrfToken !== null) return (await send(method, path, request)) as T;
      }
      if (error.status === 401 && error.code === 'not_signed_in') {
        csrfToken = null;
        if (request.redirectOnUnauthorized !== false) options.onUnauthorized?.();
      }
      throw error;
    }
  }

  return {
    request,
    get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>('POST', path, { ...options, body }),
    patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>('PATCH', path, { ...options, body }),
    put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
      request<T>('PUT', path, { ...options, body }),
    delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
    /** The URL of a path on the hub, for full-page navigations (SSO start). */
    url: (path: string, query?: RequestOptions['query']) => baseUrl + withQuery(path, query),
    setCsrfToken(token: string | null) {
      csrfToken = token;
    },
    get csrfToken() {
      return csrfToken;
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function withQuery(path: string, query: RequestOptions['query']): string {
  if (query === undefined) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  if (body !== null && typeof body === 'object' && 'code' in body && typeof body.code === 'string') {
    const message =
      'message' in body && typeof body.message === 'string' ? body.message : response.statusText;
    return new ApiError(response.status, body.code, message, 'details' in body ? body.details : undefined);
  }
  // Not our JSON (a proxy's HTML error page, a gateway timeout): keep the status, say it plainly.
  return new ApiError(
    response.status,
    `http_${response.status}`,
    `the server answered ${response.status} ${response.statusText}`.trim(),
  );
}
