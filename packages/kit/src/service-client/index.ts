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

export interface ServiceClient {
  call<T>(method: string, path: string, options?: CallOptions): Promise<T>;
}

/**
 * The one way a service calls another of ours: signed identity, W3C trace context, a timeout, and
 * the callee's `{ code, message, details }` errors rethrown as AppErrors with the same status.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    async call<T>(method: string, path: string, call: CallOptions = {}): Promise<T> {
      const url = new URL(`${base}${path}`);
      for (const [key, value] of Object.entries(call.query ?? {})) {
        if (value !== undefined) url.searchParams.set(key, String(value));
      }
      const token = signServiceToken(options.serviceToken, { caller: options.caller, ...call.on });
      const headers = injectTraceHeaders({ authorization: `Service ${token}`, accept: 'application/json', ...call.headers });
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers,
          body: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch (error) {
        throw unavailable(`${options.caller} could not reach ${base} (${describe(error)})`, error);
      }
      const text = await response.text();
      const parsed = text === '' ? undefined : safeJson(text);
      if (!response.ok) {
        const body = (parsed ?? {}) as { code?: string; message?: string; details?: unknown };
        throw new AppError({
          code: body.code ?? 'upstream_error',
          message: body.message ?? `${method} ${path} answered ${response.status}`,
          status: response.status,
          retryable: response.status >= 500,
          details: body.details,
        });
      }
      return parsed as T;
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
