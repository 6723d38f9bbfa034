import { randomBytes } from 'node:crypto';
import { signServiceToken } from '@astron/kit/crypto';
import { readEventStream } from '@astron/kit/service-client';
import type { FakeRpa } from '@astron/testing/fake-rpa';
import { loadConfig } from './config.js';
import { startRpa, type RunningRpa } from './service.js';

export const rpaTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

/** The user's token on the fake platform. */
export const PLATFORM_TOKEN = `rpa-user-${randomBytes(6).toString('hex')}`;

/** Fast clocks: first query after 10 ms, doubling to 40 ms; keep-alive every 50 ms. */
export const fastTiming = {
  XIAOWU_RPA_TIMEOUT: '5',
  XIAOWU_RPA_PING_INTERVAL: '0.05',
  XIAOWU_RPA_TASK_QUERY_INTERVAL: '0.04',
  RPA_TASK_QUERY_FIRST_INTERVAL: '0.01',
  RPA_PLATFORM_REQUEST_TIMEOUT: '2',
  RPA_PLATFORM_RETRIES: '2',
};

/** The variables that point the service at a fake platform, its cancel URL included. */
export function platformEnv(fake: FakeRpa): Record<string, string> {
  return { XIAOWU_RPA_TASK_CREATE_URL: fake.urls.create, XIAOWU_RPA_TASK_QUERY_URL: fake.urls.query, RPA_TASK_CANCEL_URL: fake.urls.cancel };
}

export interface CallOptions {
  /** null: a token without a space. */
  space?: string | null;
  /** The RPA platform token; null leaves the header out. */
  platformToken?: string | null;
  /** false: no service token at all. */
  serviceToken?: boolean;
  body?: unknown;
  signal?: AbortSignal;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface SseEvent {
  event: string | undefined;
  data: any;
}

export interface RpaUnderTest {
  url: string;
  service: RunningRpa;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** The raw response, unread: for streams read by hand or cut short. */
  open(method: string, path: string, options?: CallOptions): Promise<Response>;
  /** POST /rpa/v1/exec and every event of the stream, read to its end. */
  exec(body: unknown, options?: CallOptions & { progress?: boolean }): Promise<{ status: number; headers: Headers; events: SseEvent[]; raw: string }>;
  stop(): Promise<void>;
}

function headersFor(options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.serviceToken !== false) {
    const space = options.space === undefined ? 'space_a' : options.space;
    const token = signServiceToken(rpaTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'agent', user: 'usr_1', ...(space === null ? {} : { space }) });
    headers.authorization = `Service ${token}`;
  }
  const platformToken = options.platformToken === undefined ? PLATFORM_TOKEN : options.platformToken;
  if (platformToken !== null) headers['x-rpa-authorization'] = `Bearer ${platformToken}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

/** An RPA service on a free port; `env` names its database and platform. */
export async function startTestRpa(env: Record<string, string>): Promise<RpaUnderTest> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...rpaTestSecrets, ...fastTiming, ...env });
  config.service.port = 0;
  const service = await startRpa(config);

  const open: RpaUnderTest['open'] = (method, path, options = {}) =>
    fetch(`${service.url}${path}`, { method, headers: headersFor(options), body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal });

  const call: RpaUnderTest['call'] = async (method, path, options = {}) => {
    const response = await open(method, path, options);
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, body, text, headers: response.headers };
  };

  const exec: RpaUnderTest['exec'] = async (body, options = {}) => {
    const response = await open('POST', `/rpa/v1/exec${options.progress === true ? '?progress=true' : ''}`, { ...options, body });
    if (!response.ok || response.body === null) return { status: response.status, headers: response.headers, events: [], raw: await response.text() };
    const [forEvents, forRaw] = response.body.tee();
    const events: SseEvent[] = [];
    const raw = new Response(forRaw).text();
    for await (const event of readEventStream(forEvents)) events.push({ event: event.event, data: JSON.parse(event.data) as unknown });
    return { status: response.status, headers: response.headers, events, raw: await raw };
  };

  return { url: service.url, service, call, open, exec, stop: () => service.stop() };
}

/** Waits until `check` holds, polling every 10 ms. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`the awaited state did not come; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
