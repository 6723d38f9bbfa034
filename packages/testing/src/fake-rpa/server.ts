import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CANCEL_PATH, CREATE_PATH, injected, notFound, QUERY_PATH, routes, unauthorized, type PlatformAnswer } from './routes.js';
import type { FakeRobot, FakeRpaState } from './state.js';

export interface FakeRpaOptions {
  /** Bearer tokens the platform accepts (`Authorization: Bearer <token>`). */
  tokens: string[];
  /** Robots by project id. */
  robots?: Record<string, FakeRobot>;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface FakeRpa {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** What XIAOWU_RPA_TASK_CREATE_URL, XIAOWU_RPA_TASK_QUERY_URL and RPA_TASK_CANCEL_URL hold for this fake. */
  urls: { create: string; query: string; cancel: string };
  state: FakeRpaState;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, answer: PlatformAnswer): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The bearer token of a request; the platform takes it with or without the `Bearer ` prefix. */
function bearer(request: IncomingMessage): string {
  const header = request.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : header;
}

/** Starts a fake RPA platform on loopback; `close()` it when done. */
export async function startFakeRpa(options: FakeRpaOptions): Promise<FakeRpa> {
  const host = options.host ?? '127.0.0.1';
  const state: FakeRpaState = {
    robots: new Map(Object.entries(options.robots ?? {})),
    executions: new Map(),
    requests: [],
    faults: { create: [], query: [], cancel: [] },
    tokens: new Set(options.tokens),
  };

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://fake-rpa').pathname;
    const body = await readJson(request);
    state.requests.push({ method, path, headers: request.headers, body, at: Date.now() });
    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    if (route === undefined) return send(response, notFound());
    const fault = state.faults[route.endpoint].shift();
    if (fault === 0) {
      response.socket?.destroy();
      return;
    }
    if (fault !== undefined) return send(response, injected(fault));
    const token = bearer(request);
    if (!state.tokens.has(token)) return send(response, unauthorized());
    const executionId = decodeURIComponent(route.pattern.exec(path)?.[1] ?? '');
    send(response, route.handle({ state, token, executionId, body }));
  }

  const server = createServer((request, response) => {
    answer(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    urls: { create: `${url}${CREATE_PATH}`, query: `${url}${QUERY_PATH}`, cancel: `${url}${CANCEL_PATH}` },
    state,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
