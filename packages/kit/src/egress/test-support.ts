import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { AppError } from '../errors/index.js';
import { createEgressClient, type EgressClient, type EgressOptions } from './client.js';
import type { Resolver } from './resolve.js';

/** Names the tests make up: resolved by `testResolver`, never by real DNS. */
const names: Record<string, string[]> = {
  'public.test': ['127.0.0.1'],
  'other.test': ['127.0.0.1'],
  'sneaky.test': ['127.0.0.1'],
  'pinned.test': ['127.0.0.1'],
  'evil.test': ['10.0.0.1'],
  'mixed.test': ['93.184.216.34', '10.0.0.1'],
};

/** Host names looked up by `testResolver`, in order. */
export const lookups: string[] = [];

export const testResolver: Resolver = async (hostname) => {
  lookups.push(hostname);
  const addresses = names[hostname];
  if (addresses === undefined)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** Egress clients on `testResolver`, remembered so that a test file can close them all. */
export function clientFactory(): {
  client: (options?: EgressOptions) => EgressClient;
  closeAll: () => Promise<void>;
} {
  const clients: EgressClient[] = [];
  return {
    client: (options = {}) => {
      const created = createEgressClient({ resolver: testResolver, ...options });
      clients.push(created);
      return created;
    },
    closeAll: async () => {
      await Promise.all(clients.map((created) => created.close()));
    },
  };
}

/** The AppError a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A real HTTP server on 127.0.0.1 for the egress tests, counting what reaches it. */
export interface TestServer {
  port: number;
  origin: string;
  hits: string[];
  /** Resolves when the response to /endless has been torn down; true if the client cut it before the end. */
  endlessClosed: () => Promise<boolean>;
  /** The same for the latest response to /events. */
  eventsClosed: () => Promise<boolean>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location }).end();
}

export async function startTestServer(): Promise<TestServer> {
  let endless: Promise<boolean> = Promise.resolve(false);
  let events: Promise<boolean> = Promise.resolve(false);
  const hits: string[] = [];
  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://test');
    hits.push(url.pathname);
    const body = await readBody(request);
    switch (url.pathname) {
      case '/json':
        return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}');
      case '/echo':
        return void response
          .writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] })
          .end(JSON.stringify({ method: request.method, headers: request.headers, body }));
      case '/redirect':
        return redirect(
          response,
          Number(url.searchParams.get('status') ?? 302),
          url.searchParams.get('to') ?? '/json',
        );
      case '/loop':
        return redirect(response, 302, '/loop');
      case '/missing':
        return void response.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
      case '/big':
        return void response
          .writeHead(200, { 'content-length': 2 * 1024 * 1024 })
          .end(Buffer.alloc(2 * 1024 * 1024));
      case '/endless': {
        // No content-length: the client can only tell it is too big by counting.
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        endless = new Promise((resolve) => response.once('close', () => resolve(!response.writableFinished)));
        const chunk = Buffer.alloc(64 * 1024);
        const pump = () => {
          while (!response.destroyed && response.write(chunk));
          if (!response.destroyed) response.once('drain', pump);
        };
        return pump();
      }
      case '/events': {
        // Server-sent events, one every `every` ms: `count` of them, or without end when count is 0.
        const count = Number(url.searchParams.get('count') ?? 0);
        const every = Number(url.searchParams.get('every') ?? 20);
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        response.flushHeaders();
        events = new Promise((resolve) => response.once('close', () => resolve(!response.writableFinished)));
        let sent = 0;
        const timer = setInterval(() => {
          sent += 1;
          response.write(`event: tick\ndata: ${sent}\n\n`);
          if (sent === count) response.end();
        }, every);
        response.once('close', () => clearInterval(timer));
        return;
      }
      case '/stall':
        return; // never answers; close() cuts the connection
      case '/stall-body':
        return void response.writeHead(200, { 'content-type': 'text/plain' }).write('partial');
      default:
        return void response.writeHead(200).end(`hello from ${url.pathname}`);
    }
  };
  const server: Server = createServer((request, response) => void route(request, response));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    hits,
    endlessClosed: () => endless,
    eventsClosed: () => events,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
