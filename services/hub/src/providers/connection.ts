import type { EgressClient, EgressResponse } from '@astron/kit/egress';
import { AppError, isAppError } from '@astron/kit/errors';
import type { ProviderEndpoint } from './secrets.js';

/** Long enough for a cold local model to load, short enough for a person waiting on a button. */
export const PROVIDER_TIMEOUT_MS = 20_000;

const failure = (code: string, message: string, status = 502) => new AppError({ code, message, status });

function endpointUrl(endpoint: ProviderEndpoint, path: string): URL {
  return new URL(`${endpoint.baseUrl.replace(/\/+$/, '')}${path}`);
}

function headersFor(endpoint: ProviderEndpoint, json: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', ...endpoint.headers };
  if (json) headers['content-type'] = 'application/json';
  if (endpoint.apiKey !== null) headers.authorization = `Bearer ${endpoint.apiKey}`;
  return headers;
}

/** The provider's own words from an OpenAI-style error body, when there are any. */
async function upstreamReason(response: EgressResponse): Promise<string> {
  const text = (await response.text()).slice(0, 500);
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    if (typeof message === 'string' && message !== '') return message;
  } catch {
    // not JSON: the text itself says more than nothing
  }
  return text === '' ? response.statusText : text;
}

/** Turns egress and HTTP failures into messages that tell a person what to fix. */
export function explainFailure(error: unknown, url: URL): AppError {
  if (!isAppError(error)) return failure('provider_error', `the request to ${url.host} failed: ${String(error)}`);
  if (error.code === 'egress_connect_failed' && error.message.includes('ECONNREFUSED')) {
    return failure('provider_unreachable', `connection refused by ${url.host}: is the provider running at ${url.origin}?`);
  }
  if (error.code === 'egress_connect_failed' || error.code === 'egress_dns_failed') return failure('provider_unreachable', error.message);
  if (error.code === 'egress_timeout') {
    return failure('provider_timeout', `${url.host} did not answer within ${PROVIDER_TIMEOUT_MS / 1000} s`, 504);
  }
  if (error.code === 'egress_blocked') {
    return new AppError({ code: error.code, status: error.status, message: `the provider's address is not allowed: ${error.message}`, details: error.details });
  }
  return error;
}

async function send(egress: EgressClient, url: URL, init: { method: string; headers: Record<string, string>; body?: string }): Promise<EgressResponse> {
  let response: EgressResponse;
  try {
    response = await egress.request(url, { ...init, timeoutMs: PROVIDER_TIMEOUT_MS });
  } catch (error) {
    throw explainFailure(error, url);
  }
  if (response.ok) return response;
  const path = url.pathname;
  if (response.status === 401 || response.status === 403) {
    throw failure('provider_refused_key', `the provider refused the API key (HTTP ${response.status} from ${url.host}: ${await upstreamReason(response)})`);
  }
  if (response.status === 404 && path.endsWith('/models')) {
    throw failure('provider_not_found', `${url.href} does not exist (HTTP 404); check the base URL (OpenAI-compatible ones usually end in /v1)`);
  }
  throw failure('provider_error', `the provider answered HTTP ${response.status} to ${init.method} ${path}: ${await upstreamReason(response)}`);
}

/** GET <baseUrl>/models: the ids it lists. */
export async function fetchModelIds(egress: EgressClient, endpoint: ProviderEndpoint): Promise<string[]> {
  const url = endpointUrl(endpoint, '/models');
  const response = await send(egress, url, { method: 'GET', headers: headersFor(endpoint, false) });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw failure('provider_error', `${url.href} did not answer JSON; is this an OpenAI-compatible base URL?`);
  }
  const list: unknown = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) throw failure('provider_error', `${url.href} did not answer an OpenAI model list ({ data: [{ id }] })`);
  return list.map((item) => (item as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string' && id !== '');
}

/** A one-token chat completion: proves the key may actually use the model, not only list it. */
export async function pingChatModel(egress: EgressClient, endpoint: ProviderEndpoint, model: string): Promise<void> {
  const url = endpointUrl(endpoint, '/chat/completions');
  const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1, stream: false });
  await send(egress, url, { method: 'POST', headers: headersFor(endpoint, true), body });
}
