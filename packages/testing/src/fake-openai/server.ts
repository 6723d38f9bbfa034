import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerChat } from './chat.js';
import { answerEmbeddings } from './embeddings.js';
import { readRawBody, sendError, sendJson, sleep } from './http-util.js';
import { mediaRoute } from './media.js';
import { createModelCatalog, defaultModels } from './models.js';
import { answerRerank } from './rerank.js';
import { createReplyQueue } from './reply-queue.js';
import type { FakeOpenAI, FakeOpenAIOptions, RecordedRequest } from './types.js';

const routes = new Set([
  'GET /v1/models',
  'POST /v1/chat/completions',
  'POST /v1/embeddings',
  'POST /v1/rerank',
]);

/** Starts the fake OpenAI-compatible server on loopback; `close()` it when done. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const host = options.host ?? '127.0.0.1';
  const models = createModelCatalog(options.models ?? defaultModels);
  const queue = createReplyQueue();
  const requests: RecordedRequest[] = [];
  const inFlight = new Set<AbortController>();
  let requestCount = 0;

  const server = createServer((request, response) => {
    requestCount += 1;
    const requestId = `req_fake${requestCount}`;
    const controller = new AbortController();
    inFlight.add(controller);
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    handle(request, response, requestId, controller.signal)
      .catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else sendError(response, requestId, 500, error instanceof Error ? error.message : String(error));
      })
      .finally(() => inFlight.delete(controller));
  });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
    signal: AbortSignal,
  ): Promise<void> {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const raw = method === 'POST' ? await readRawBody(request) : Buffer.alloc(0);
    const text = raw.toString('utf8');
    const body = parseJson(text);
    const recorded: RecordedRequest = {
      method,
      path,
      headers: request.headers,
      body,
      receivedAt: Date.now(),
    };
    if (options.recordRequests !== false) requests.push(recorded);
    fake.onRequest?.(recorded);

    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendError(response, requestId, 401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
      return;
    }
    const modelId = method === 'GET' ? /^\/v1\/models\/(.+)$/.exec(path)?.[1] : undefined;
    if (modelId !== undefined) {
      answerModel(response, requestId, decodeURIComponent(modelId));
      return;
    }
    const media = mediaRoute(method, path);
    if (media !== undefined) {
      await media({ request, response, requestId, signal, raw, recorded, latencyMs: options.latencyMs ?? 0 });
      return;
    }
    if (!routes.has(`${method} ${path}`)) {
      const message = `Unknown request URL: ${method} ${path}.`;
      sendError(response, requestId, 404, message, { code: 'unknown_url' });
      return;
    }
    if (method === 'POST' && body === undefined) {
      sendError(response, requestId, 400, 'We could not parse the JSON body of your request.');
      return;
    }
    if (path === '/v1/models') {
      sendJson(response, 200, models.list(), requestId);
    } else if (path === '/v1/embeddings') {
      await answerEmbeddingsRequest(response, requestId, body, signal);
    } else if (path === '/v1/rerank') {
      const answer = answerRerank(
        typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {},
      );
      if (!(await sleep(options.latencyMs ?? 0, signal))) return;
      if (answer.status === 200) sendJson(response, 200, answer.body, requestId);
      else sendError(response, requestId, 400, answer.message);
    } else {
      const latencyMs = options.latencyMs ?? 0;
      await answerChat(response, recorded, {
        queue,
        latencyMs,
        tokensPerSecond: options.tokensPerSecond,
        signal,
        requestId,
      });
    }
  }

  async function answerEmbeddingsRequest(
    response: ServerResponse,
    requestId: string,
    body: unknown,
    signal: AbortSignal,
  ): Promise<void> {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const answer = answerEmbeddings(fields);
    if (!(await sleep(options.latencyMs ?? 0, signal))) return;
    if (answer.status === 200) sendJson(response, 200, answer.body, requestId);
    else sendError(response, requestId, 400, answer.message);
  }

  function answerModel(response: ServerResponse, requestId: string, id: string): void {
    const model = models.find(id);
    if (model !== undefined) sendJson(response, 200, model, requestId);
    else sendError(response, requestId, 404, `The model '${id}' does not exist`, { code: 'model_not_found' });
  }

  // Benchmarks open a thousand streams at once; the default backlog of 511 would drop some connects.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const fake: FakeOpenAI = {
    url: `http://${urlHost}:${port}/v1`,
    port,
    get requests() {
      return requests;
    },
    onRequest: options.onRequest,
    script(replies) {
      queue.push(Array.isArray(replies) ? replies : [replies]);
    },
    setDefaultReply: (reply) => queue.setDefault(reply),
    pendingReplies: () => queue.size(),
    activeRequests: () => inFlight.size,
    reset() {
      queue.clear();
      requests.length = 0;
    },
    async close() {
      for (const controller of inFlight) controller.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
  return fake;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
