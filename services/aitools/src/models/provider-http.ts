import { AppError } from '@astron/kit/errors';
import type { ModelEndpoint } from '@astron/llm';

export interface ProviderAnswer {
  contentType: string;
  body: Buffer;
}

export interface ProviderCall {
  /** Under the endpoint's base URL: '/images/generations'. */
  path: string;
  body: { json: unknown } | { form: FormData };
  timeoutMs: number;
  signal?: AbortSignal;
  /** Largest answer read (a generated image in base64 runs to megabytes). */
  maxBytes: number;
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

function failure(endpoint: ModelEndpoint, what: string, retryable: boolean, upstreamStatus?: number): AppError {
  return new AppError({ code: 'model_error', status: 502, retryable, message: `the model ${endpoint.model} ${what}`, details: upstreamStatus === undefined ? undefined : { upstreamStatus } });
}

/** OpenAI's `{error: {message}}`, or `{message}` / `{detail}`, or the start of whatever else came back. */
function upstreamMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    const message = typeof body.error === 'object' && body.error !== null ? body.error.message : (body.error ?? body.message ?? body.detail);
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the raw text below
  }
  return text.slice(0, 300);
}

async function readCapped(response: Response, endpoint: ModelEndpoint, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw failure(endpoint, `answered ${declared} bytes, more than the ${maxBytes} allowed (AITOOLS_MAX_FILE_MB)`, false);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > maxBytes) throw failure(endpoint, `answered ${body.length} bytes, more than the ${maxBytes} allowed (AITOOLS_MAX_FILE_MB)`, false);
  return body;
}

/**
 * One request to an OpenAI-compatible endpoint that the openai SDK's chat client does not cover (images, audio).
 * Failures become AppErrors as the chat client's do: 504 model_timeout, 502 model_unreachable, 502 model_error.
 */
export async function callProvider(endpoint: ModelEndpoint, call: ProviderCall): Promise<ProviderAnswer> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}${call.path}`;
  const headers: Record<string, string> = { ...endpoint.headers };
  if (endpoint.apiKey !== null) headers.authorization = `Bearer ${endpoint.apiKey}`;
  let body: string | FormData;
  if ('json' in call.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.body.json);
  } else body = call.body.form;
  const deadline = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal === undefined ? deadline : AbortSignal.any([call.signal, deadline]);
  try {
    // The global fetch, not the egress client: model endpoints come only from the hub, which vets provider URLs
    // when they are saved, and are called as the chat and embedding clients call them (decision 0008).
    // eslint-disable-next-line no-restricted-globals -- see the comment above
    const response = await fetch(url, { method: 'POST', headers, body, signal });
    const answer = await readCapped(response, endpoint, call.maxBytes);
    if (!response.ok) {
      throw failure(endpoint, `answered ${response.status} at ${hostOf(url)}: ${upstreamMessage(answer.toString('utf8'))}`, response.status >= 500 || response.status === 429, response.status);
    }
    return { contentType: response.headers.get('content-type') ?? '', body: answer };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (deadline.aborted) {
      throw new AppError({ code: 'model_timeout', status: 504, retryable: true, message: `the model ${endpoint.model} at ${hostOf(url)} did not finish within ${call.timeoutMs} ms (AITOOLS_MODEL_TIMEOUT_MS)` });
    }
    if (call.signal?.aborted === true) throw new AppError({ code: 'cancelled', status: 499, message: 'the call was cancelled: the client went away' });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new AppError({ code: 'model_unreachable', status: 502, retryable: true, message: `could not reach the model at ${hostOf(url)}: ${cause?.code ?? cause?.message ?? String(error)}` });
  }
}

/** The JSON of an answer, or a model_error saying the provider answered something else. */
export function jsonOf(endpoint: ModelEndpoint, answer: ProviderAnswer): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8')) as unknown;
  } catch {
    throw failure(endpoint, `answered something other than JSON: ${answer.body.toString('utf8').slice(0, 200)}`, false);
  }
}

export function unexpectedAnswer(endpoint: ModelEndpoint, what: string): AppError {
  return failure(endpoint, what, false);
}
