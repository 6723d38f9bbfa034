import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signServiceToken } from '@astron/kit/crypto';
import { loadConfig } from './config.js';
import type { AitoolsModels } from './models/resolver.js';
import { startAitools, type RunningAitools } from './service.js';

export const aitoolsTestSecrets = {
  ASTRON_SERVICE_TOKEN: randomBytes(24).toString('hex'),
  ASTRON_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

export interface CallOptions {
  /** null: a token without a space; false: no token at all. */
  space?: string | null | false;
  /** JSON, or a FormData sent as multipart. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: any;
  text: string;
  headers: Headers;
}

export interface AitoolsUnderTest {
  url: string;
  service: RunningAitools;
  dataDir: string;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  /** POST /aitools/v1/tools/{name}/run with `{inputs, models}`, or a form. */
  run(name: string, body: unknown, options?: Omit<CallOptions, 'body'>): Promise<Answer>;
  stop(): Promise<void>;
}

/** A port nobody listens on right now: the service's file links name its port, so it must be known before the start. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export function serviceToken(space: string | null): string {
  return signServiceToken(aitoolsTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', user: 'usr_1', ...(space === null ? {} : { space }) });
}

/**
 * An aitools service on a free port with its files in a temporary directory (or on S3 through `env`), calling
 * `models` (fixedModels against the fake OpenAI server). `stop()` removes the directory.
 */
export async function startTestAitools(models: AitoolsModels, env: Record<string, string> = {}): Promise<AitoolsUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), 'astron-aitools-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', ...aitoolsTestSecrets, ASTRON_DATA_DIR: dataDir, SERVICE_PORT: String(await freePort()), ...env });
  const service = await startAitools(config, {}, { models });

  const call: AitoolsUnderTest['call'] = async (method, path, options = {}) => {
    const space = options.space === undefined ? 'space_a' : options.space;
    const headers: Record<string, string> = { ...(space === false ? {} : { authorization: `Service ${serviceToken(space)}` }), ...options.headers };
    let body: string | FormData | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(`${service.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, text, body: parsed, headers: response.headers };
  };

  return {
    url: service.url,
    service,
    dataDir,
    call,
    run: (name, body, options = {}) => call('POST', `/aitools/v1/tools/${name}/run`, { ...options, body }),
    async stop() {
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A multipart run: `inputs` and `models` as JSON fields and one `file`. */
export function runForm(inputs: unknown, models: unknown, file?: { name: string; bytes: Uint8Array; type?: string }): FormData {
  const form = new FormData();
  form.append('inputs', JSON.stringify(inputs));
  form.append('models', JSON.stringify(models));
  if (file !== undefined) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  return form;
}

/** Downloads a link as bytes, with its status and headers. */
export async function download(url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

export interface WebServer {
  url: string;
  /** Paths requested so far. */
  requests: string[];
  close(): Promise<void>;
}

/** A plain HTTP server standing for the internet: `pages` by path, each a content type and a body; 404 for others. */
export async function startWebServer(pages: Record<string, { type: string; body: string | Uint8Array; status?: number }>): Promise<WebServer> {
  const requests: string[] = [];
  const server = createHttpServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const page = pages[path];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    response.writeHead(page.status ?? 200, { 'content-type': page.type }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
