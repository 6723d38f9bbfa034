import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface TestTarget {
  url: string;
  close(): Promise<void>;
}

async function listen(handle: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<TestTarget> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An API an OpenAPI tool set describes: `GET /greet?name=` answers `{greeting}`. */
export function startGreetingApi(): Promise<TestTarget> {
  return listen((request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/greet') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ greeting: `hello ${url.searchParams.get('name') ?? 'nobody'}` }));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not here"}');
  });
}

/** The greeting API's OpenAPI document. */
export function greetingDocument(origin: string): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Greetings', version: '1' },
    servers: [{ url: origin }],
    paths: {
      '/greet': {
        get: {
          operationId: 'greetPerson',
          summary: 'Greets a person',
          parameters: [{ name: 'name', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'the greeting' } },
        },
      },
    },
  });
}

/** A stateless MCP server (streamable HTTP answering JSON) with one tool, `echo`, that returns its text. */
export function startEchoMcp(): Promise<TestTarget> {
  return listen((request, body, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const message = JSON.parse(body) as { id?: number | string; method: string; params?: { arguments?: { text?: string } } };
    if (message.id === undefined) {
      response.writeHead(202).end();
      return;
    }
    const results: Record<string, unknown> = {
      initialize: { protocolVersion: '2025-03-26', capabilities: { tools: {} }, serverInfo: { name: 'echo', version: '1.0.0' } },
      'tools/list': { tools: [{ name: 'echo', description: 'Returns the text it is given', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } }] },
      'tools/call': { content: [{ type: 'text', text: `echo: ${message.params?.arguments?.text ?? ''}` }] },
    };
    const result = results[message.method];
    const answer = result === undefined ? { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `no method ${message.method}` } } : { jsonrpc: '2.0', id: message.id, result };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
}
