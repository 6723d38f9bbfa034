import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signServiceToken } from '@astron/kit/crypto';
import { startEmbeddedPostgres } from '@astron/kit/db';
import { loadConfig as loadLinkConfig, startLink, type RunningLink } from '@astron/link';
import { loadConfig as loadMemoryConfig, startMemory, type RunningMemory } from '@astron/memory';
import { startTestWorkflow, workflowTestSecrets, type WorkflowUnderTest } from '../../../services/workflow/src/test-harness.js';

// Test support for nodes that call other services: real link and memory services beside the workflow service, and
// the external servers they reach (a tool's API, an MCP server), written for the tests.

export interface Answer {
  status: number;
  body: any;
  text: string;
}

/** A call to a peer as the hub makes it, for a space and a person. */
export type PeerCall = (method: string, path: string, body?: unknown, space?: string) => Promise<Answer>;

/** The workflow service with real link and memory services, on one embedded PostgreSQL, sharing one service token. */
export interface WorkflowWithPeers {
  workflow: WorkflowUnderTest;
  link: PeerCall;
  memory: PeerCall;
  stop(): Promise<void>;
}

function peerCall(url: string): PeerCall {
  return async (method, path, body, space = 'space_a') => {
    const token = signServiceToken(workflowTestSecrets.ASTRON_SERVICE_TOKEN, { caller: 'hub', space, user: 'usr_1' });
    const headers: Record<string, string> = { authorization: `Service ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, text, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
}

/** `linkEnv` configures the link service (EGRESS_ALLOW_HOSTS for the test's own tool servers). */
export async function startWorkflowWithPeers(linkEnv: Record<string, string>): Promise<WorkflowWithPeers> {
  const database = await startEmbeddedPostgres({ dataDir: null, maxConnections: 60 });
  const dataDir = await mkdtemp(join(tmpdir(), 'astron-workflow-peers-'));
  const url = (schema: string) => `postgres://${database.user}:${database.password}@${database.host}:${database.port}/${database.database}?schema=${schema}`;
  const common = { LOG_LEVEL: 'silent', ...workflowTestSecrets, ASTRON_DATA_DIR: dataDir };
  const started: { stop(): Promise<void> }[] = [];
  try {
    const linkConfig = loadLinkConfig({ ...common, DATABASE_URL: url('link'), ...linkEnv });
    linkConfig.service.port = 0;
    const link: RunningLink = await startLink(linkConfig);
    started.push(link);
    const memoryConfig = loadMemoryConfig({ ...common, DATABASE_URL: url('memory') });
    memoryConfig.service.port = 0;
    const memory: RunningMemory = await startMemory(memoryConfig);
    started.push(memory);
    const workflow = await startTestWorkflow({ DATABASE_DB_TYPE: 'postgres', DATABASE_URL: url('workflow'), LINK_URL: link.url, MEMORY_URL: memory.url });
    started.push(workflow.service);
    return {
      workflow,
      link: peerCall(link.url),
      memory: peerCall(memory.url),
      async stop() {
        for (const service of started.reverse()) await service.stop();
        await database.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.stop();
    await database.close();
    throw error;
  }
}

/** An HTTP server on a free loopback port, for tests. */
export interface FakeServer {
  origin: string;
  /** Every request's method, path and query, in order. */
  hits: string[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

async function listen(handler: Handler): Promise<FakeServer> {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const json = (response: ServerResponse, status: number, value: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
};

/** A weather API: GET /weather?city= answers `{city, temperature, summary}`; GET /broken always answers 500. */
export async function startWeatherApi(): Promise<FakeServer> {
  return listen((request, _body, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/weather') {
      const city = url.searchParams.get('city') ?? '';
      json(response, 200, { city, temperature: 21, summary: `sunny in ${city}`, sensors: [1, 2] });
    } else if (url.pathname === '/broken') json(response, 500, { error: 'the weather station is down' });
    else json(response, 404, { error: 'no such path' });
  });
}

/** The OpenAPI document of the weather API at `origin`: operations getWeather and broken. */
export function weatherDocument(origin: string): Record<string, unknown> {
  const ok = { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } };
  return {
    openapi: '3.0.3',
    info: { title: 'Weather', version: '1.0.0' },
    servers: [{ url: origin }],
    paths: {
      '/weather': {
        get: { operationId: 'getWeather', summary: 'The weather in a city', parameters: [{ name: 'city', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: ok } },
      },
      '/broken': { get: { operationId: 'broken', summary: 'Always fails', responses: { 200: ok } } },
    },
  };
}

/**
 * A stateless MCP server (streamable HTTP answering JSON), written out from the protocol: tool `lookup` answers
 * `{answer, q}` as JSON text, tool `explode` reports an error.
 */
export async function startFakeMcp(): Promise<FakeServer> {
  return listen((request, body, response) => {
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const message = JSON.parse(body) as { id?: number | string; method: string; params?: Record<string, any> };
    if (message.id === undefined) {
      response.writeHead(202).end();
      return;
    }
    const reply = (result: unknown) => json(response, 200, { jsonrpc: '2.0', id: message.id, result });
    if (message.method === 'initialize') reply({ protocolVersion: message.params?.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'fake-mcp', version: '1.0.0' } });
    else if (message.method === 'tools/list') reply({ tools: [{ name: 'lookup', inputSchema: { type: 'object', properties: { q: { type: 'string' } } } }, { name: 'explode', inputSchema: { type: 'object' } }] });
    else if (message.method === 'tools/call' && message.params?.name === 'lookup') {
      reply({ content: [{ type: 'text', text: JSON.stringify({ answer: `found ${String(message.params.arguments?.q)}`, q: message.params.arguments?.q }) }] });
    } else if (message.method === 'tools/call') reply({ content: [{ type: 'text', text: 'the tool exploded' }], isError: true });
    else json(response, 200, { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'method not found' } });
  });
}
