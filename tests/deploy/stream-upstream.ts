import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in upstream for the hub's streams: the hub has no Server-Sent Events route yet, so nginx's
 * streaming is checked against this server. A stream sends one event, then waits until the test says
 * it has received it (`acknowledge()`) before sending the next: if anything between them held events
 * back, the test would wait for ever, so no timing is guessed. It sends no X-Accel-Buffering header,
 * so only nginx's own configuration can keep the stream flowing.
 * Every other path answers, once the request body has ended, JSON with the request it saw (and the number
 * of body bytes), and an X-Frame-Options nginx must replace.
 */
export interface StreamUpstream {
  host: string;
  /** Headers of the last request that reached this server. */
  lastHeaders(): IncomingHttpHeaders | undefined;
  acknowledge(): void;
  close(): Promise<void>;
}

export const streamPaths = ['/api/stream', '/v1/chat/completions'];
export const eventsPerStream = 3;

export async function startStreamUpstream(): Promise<StreamUpstream> {
  let seen: IncomingHttpHeaders | undefined;
  let acknowledged = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  const acknowledgement = (count: number) =>
    new Promise<void>((resolve) => {
      if (acknowledged >= count) resolve();
      else waiting.push({ count, resolve });
    });

  const server = createServer((incoming, response) => {
    seen = incoming.headers;
    const path = new URL(incoming.url ?? '/', 'http://upstream').pathname;
    if (!streamPaths.includes(path)) {
      let bodyBytes = 0;
      incoming.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      incoming.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json', 'x-frame-options': 'DENY' });
        const { method, url, headers } = incoming;
        response.end(JSON.stringify({ method, url, headers, bodyBytes }));
      });
      return;
    }
    incoming.resume();
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    void (async () => {
      const base = acknowledged;
      for (let index = 1; index <= eventsPerStream; index += 1) {
        response.write(`event: tick\ndata: {"index":${index}}\n\n`);
        await acknowledgement(base + index);
      }
      response.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    lastHeaders: () => seen,
    acknowledge() {
      acknowledged += 1;
      for (const waiter of waiting.filter((item) => item.count <= acknowledged)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent: not decompressed. */
  body: Buffer;
}

/** One request with node:http, so Content-Encoding and the body are seen exactly as nginx sent them. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: Buffer.concat(chunks),
          }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** Opens a request and hands back the response as it starts, for reading a stream piece by piece. */
export function openStream(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers }, resolve);
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** The next complete event (`...\n\n`) of a stream, or an error after `timeoutMillis`. */
export function eventReader(stream: IncomingMessage): (timeoutMillis: number) => Promise<string> {
  let buffered = '';
  let notify: (() => void) | undefined;
  let ended = false;
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    notify?.();
  });
  stream.on('end', () => {
    ended = true;
    notify?.();
  });
  return async (timeoutMillis) => {
    const deadline = Date.now() + timeoutMillis;
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        return event;
      }
      if (ended)
        throw new Error(`the stream ended without another event (left: ${JSON.stringify(buffered)})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMillis} ms: something buffers the stream`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        notify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      notify = undefined;
    }
  };
}
