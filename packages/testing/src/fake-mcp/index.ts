import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

export interface McpHit {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeMcp {
  origin: string;
  port: number;
  /** Every HTTP request that reached the server. */
  hits: McpHit[];
  /** Sessions the stateful endpoint opened and the client closed (DELETE). */
  sessions: { opened: number; closed: number };
  /** Event streams of the legacy SSE endpoints (`/sse`, `/sse-announce`) opened, and closed by the client. */
  eventStreams: { opened: number; closed: number };
  close(): Promise<void>;
}

/** One MCP server (the SDK's McpServer) with three tools: add, shout and fail. */
function buildServer(): McpServer {
  const server = new McpServer({ name: 'fake-tools', version: '1.0.0' });
  server.registerTool('add', { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => ({
    content: [{ type: 'text', text: String(a + b) }],
    structuredContent: { sum: a + b },
  }));
  server.registerTool('shout', { description: 'Upper-cases a text', inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text: text.toUpperCase() }] }));
  server.registerTool('fail', { description: 'Always reports an error' }, async () => ({ content: [{ type: 'text', text: 'it went wrong' }], isError: true }));
  return server;
}

/**
 * Real MCP servers on one port, built with the SDK: `/mcp` streamable HTTP with sessions (answers as event
 * streams), `/mcp-json` stateless streamable HTTP answering JSON, and `/sse` + `/messages` the legacy SSE transport.
 * For attacks: `/sse-announce?endpoint=<url>&flood=<bytes>` announces any POST endpoint (and 100 ms later sends
 * that many bytes of comment), `/sink` takes POSTs and never answers, `/redirect?to=<url>` answers 307.
 */
export async function startFakeMcp(): Promise<FakeMcp> {
  const app: FastifyInstance = Fastify();
  const hits: McpHit[] = [];
  const sessions = { opened: 0, closed: 0 };
  const streamable = new Map<string, StreamableHTTPServerTransport>();
  const legacy = new Map<string, SSEServerTransport>();
  const eventStreams = { opened: 0, closed: 0 };
  const announcing = new Set<FastifyReply['raw']>();
  app.addHook('onRequest', async (request) => void hits.push({ method: request.method, path: request.url.split('?')[0] ?? '', headers: request.headers }));

  app.all('/mcp', async (request, reply) => {
    const sessionId = request.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? streamable.get(sessionId) : undefined;
    if (transport === undefined && request.method === 'POST' && isInitializeRequest(request.body)) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          sessions.opened += 1;
          streamable.set(id, created);
        },
        onsessionclosed: (id) => {
          sessions.closed += 1;
          streamable.delete(id);
        },
      });
      await buildServer().connect(created);
      transport = created;
    }
    if (transport === undefined) return reply.status(400).send({ jsonrpc: '2.0', error: { code: -32000, message: 'no valid session' }, id: null });
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  app.post('/mcp-json', async (request, reply) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const server = buildServer();
    reply.raw.on('close', () => void transport.close().then(() => server.close()));
    await server.connect(transport);
    reply.hijack();
    await transport.handleRequest(request.raw, reply.raw, request.body);
  });

  app.get('/sse', async (_request, reply) => {
    reply.hijack();
    const transport = new SSEServerTransport('/messages', reply.raw);
    legacy.set(transport.sessionId, transport);
    eventStreams.opened += 1;
    reply.raw.on('close', () => {
      eventStreams.closed += 1;
      legacy.delete(transport.sessionId);
    });
    await buildServer().connect(transport);
  });

  app.get('/sse-announce', async (request, reply) => {
    const { endpoint, flood } = request.query as { endpoint?: string; flood?: string };
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    stream.write(`event: endpoint\ndata: ${String(endpoint)}\n\n`);
    if (flood !== undefined) setTimeout(() => stream.write(`: ${'x'.repeat(Number(flood))}\n\n`), 100);
    eventStreams.opened += 1;
    announcing.add(stream);
    stream.on('close', () => {
      eventStreams.closed += 1;
      announcing.delete(stream);
    });
  });

  app.post('/sink', async (_request, reply) => reply.status(202).send());

  app.all('/redirect', async (request, reply) => reply.status(307).header('location', String((request.query as { to?: string }).to)).send());

  app.post('/messages', async (request, reply) => {
    const transport = legacy.get(String((request.query as { sessionId?: string }).sessionId));
    if (transport === undefined) return reply.status(404).send('no session');
    reply.hijack();
    await transport.handlePostMessage(request.raw, reply.raw, request.body);
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    hits,
    sessions,
    eventStreams,
    async close() {
      for (const stream of announcing) stream.end();
      for (const transport of legacy.values()) await transport.close();
      for (const transport of streamable.values()) await transport.close();
      await app.close();
    },
  };
}
