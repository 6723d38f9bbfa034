import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { datasetRoutes } from './datasets.js';
import { documentRoutes } from './documents.js';
import { failWithData, parseJson, readBytes, Refusal, retCode, sendEnvelope } from './envelope.js';
import type { Envelope } from './envelope.js';
import { createParsingSchedule } from './parsing.js';
import { retrievalRoutes } from './retrieval.js';
import type { Route } from './route.js';
import { newId } from './state.js';
import type { FakeRagflowState } from './state.js';

export interface FakeRagflowOptions {
  /** The API key clients must send as `Authorization: Bearer <token>`. */
  token: string;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Steps of a document's parsing from RUNNING to DONE; 4 unless set. */
  parseTicks?: number;
  /** Time between two parsing steps; 20 ms unless set. */
  tickMs?: number;
  /** Names of uploaded files whose parsing ends in FAIL (also settable later in `state.failingFiles`). */
  failingFiles?: string[];
}

export interface FakeRagflow {
  /** What RAGFLOW_BASE_URL holds: `http://127.0.0.1:PORT`, the API under `/api/v1`. */
  url: string;
  state: FakeRagflowState;
  close(): Promise<void>;
}

const routes: Route[] = [...datasetRoutes, ...documentRoutes, ...retrievalRoutes];

/**
 * RAGFlow's `token_required` (up to v0.24): it takes the second word of the Authorization header and
 * answers in the envelope with HTTP 200. A missing header gets `code: 0` with `data: false`, as there.
 */
function authenticationFailure(headers: IncomingHttpHeaders, token: string): Envelope | undefined {
  const authorization = headers.authorization;
  if (authorization === undefined || authorization === '') {
    return failWithData(retCode.success, "`Authorization` can't be empty", false);
  }
  const parts = authorization.split(/\s+/).filter((part) => part !== '');
  if (parts.length < 2)
    return failWithData(retCode.success, 'Please check your authorization format.', false);
  if (parts[1] !== token) {
    return failWithData(retCode.authentication, 'Authentication error: API key is invalid!', false);
  }
  return undefined;
}

/** Starts a fake RAGFlow server on loopback; `close()` it when done. */
export async function startFakeRagflow(options: FakeRagflowOptions): Promise<FakeRagflow> {
  const host = options.host ?? '127.0.0.1';
  const state: FakeRagflowState = {
    tenantId: newId(),
    datasets: new Map(),
    requests: [],
    failingFiles: new Set(options.failingFiles ?? []),
  };
  const parsing = createParsingSchedule(state, {
    ticks: options.parseTicks ?? 4,
    tickMs: options.tickMs ?? 20,
  });

  async function answer(request: IncomingMessage): Promise<Envelope> {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake-ragflow');
    const body = await readBytes(request);
    const isJson = (request.headers['content-type'] ?? '').startsWith('application/json');
    state.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: isJson ? parseJson(body) : undefined,
    });
    const onPath = routes.filter((route) => route.pattern.test(url.pathname));
    const route = onPath.find((candidate) => candidate.method === method);
    // Flask raises NotFound / MethodNotAllowed; RAGFlow's catch-all handler answers with their repr.
    if (onPath.length === 0) return failWithData(retCode.exception, "<NotFound '404: Not Found'>", null);
    if (route === undefined) {
      return failWithData(retCode.exception, "<MethodNotAllowed '405: Method Not Allowed'>", null);
    }
    const refused = authenticationFailure(request.headers, options.token);
    if (refused !== undefined) return refused;
    const params = route.pattern.exec(url.pathname)?.slice(1).map(decodeURIComponent) ?? [];
    return route.handle({ state, params, query: url.searchParams, headers: request.headers, body, parsing });
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    answer(request)
      .catch((error: unknown) => {
        if (error instanceof Refusal) return error.envelope;
        const shown = error instanceof Error ? `${error.name}('${error.message}')` : String(error);
        return failWithData(retCode.exception, shown, null);
      })
      .then((envelope) => sendEnvelope(response, envelope))
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    state,
    async close() {
      parsing.cancelAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
