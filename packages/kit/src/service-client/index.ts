import { AppError, unavailable } from '../errors/index.js';
import { signServiceToken, type ServiceClaims } from '../crypto/index.js';
import { injectTraceHeaders } from '../telemetry/index.js';

export interface ServiceClientOptions {
  /** http://core-tenant:5052 */
  baseUrl: string;
  /** ASTRON_SERVICE_TOKEN, shared by the services. */
  serviceToken: string;
  /** The calling service's name, carried in the token. */
  caller: string;
  timeoutMs?: number;
}

export interface CallOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** On whose behalf: the space (and user or app) the callee scopes the call to. */
  on?: Omit<ServiceClaims, 'caller'>;
  headers?: Record<string, string>;
}

export interface OpenOptions extends CallOptions {
  /** A body sent as it is, instead of `body` as JSON (an upload forwarded as multipart/form-data). */
  raw?: { bytes: Uint8Array; contentType: string };
  /** Ends the call early (the caller's client went away). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ServiceClient {
  call<T>(method: string, path: string, options?: CallOptions): Promise<T>;
  /** The answer unread, once it is a success: for streams that must flow through as they are made. */
  open(method: string, path: string, options?: OpenOptions): Promise<Response>;
}

/**
 * The one way a service calls another of ours: signed identity, W3C trace context, a timeout, and
 * the callee's `{ code, message, details }` errors rethrown as AppErrors with the same status.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  async function open(method: string, path: string, call: OpenOptions = {}): Promise<Response> {
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const token = signServiceToken(options.serviceToken, { caller: options.caller, ...call.on });
    const headers = injectTraceHeaders({ authorization: `Service ${token}`, accept: 'application/json', ...call.headers });
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.raw !== undefined) headers['content-type'] = call.raw.contentType;
    const timeout = AbortSignal.timeout(call.timeoutMs ?? options.timeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: call.raw !== undefined ? call.raw.bytes : call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: call.signal === undefined ? timeout : AbortSignal.any([call.signal, timeout]),
      });
    } catch (error) {
      throw unavailable(`${options.caller} could not reach ${base} (${describe(error)})`, error);
    }
    if (response.ok) return response;
    const text = await response.text();
    const body = (text === '' ? {} : (safeJson(text) ?? {})) as { code?: string; message?: string; details?: unknown };
    throw new AppError({
      code: typeof body === 'object' && body.code !== undefined ? body.code : 'upstream_error',
      message: typeof body === 'object' && body.message !== undefined ? body.message : `${method} ${path} answered ${response.status}`,
      status: response.status,
      retryable: response.status >= 500,
      details: typeof body === 'object' ? body.details : undefined,
    });
  }

  return {
    open,
    async call<T>(method: string, path: string, call: CallOptions = {}): Promise<T> {
      const text = await (await open(method, path, call)).text();
      return (text === '' ? undefined : safeJson(text)) as T;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
export { readEventStream, type ReadEvent } from './event-stream.js';
