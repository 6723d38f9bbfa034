import type { FastifyReply, FastifyRequest } from 'fastify';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { App } from '@astron/kit/http';
import type { HubContext } from '../context.js';
import { gatewayCaller } from '../gateway/caller.js';
import { catalog, type CatalogTool } from './catalog.js';

const VERSION = '0.1.0';

/** The answer of a /v1 route run in-process as the same caller, for a tool call: a chat completion or a run. */
interface InnerBody {
  message?: string;
  error?: { message?: string };
  choices?: { message?: { content?: string | null } }[];
  astron?: { conversationId?: string; citations?: unknown[] };
  id?: string;
  status?: string;
  outputs?: Record<string, unknown>;
}

interface Inner {
  status: number;
  body: InnerBody;
}

const failed = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });

/** An agent's reply, or a workflow's outputs (or its question, when it paused to ask one). */
function result(tool: CatalogTool, answer: Inner): CallToolResult {
  if (answer.status >= 400) return failed(`${tool.name} failed (HTTP ${answer.status}): ${answer.body.message ?? answer.body.error?.message ?? 'no reason given'}`);
  if (tool.target.kind === 'agent') {
    const text = answer.body.choices?.[0]?.message?.content ?? '';
    return { content: [{ type: 'text', text }], structuredContent: { answer: text, conversation_id: answer.body.astron?.conversationId ?? null, citations: answer.body.astron?.citations ?? [] } };
  }
  const run = answer.body;
  if (run.status === 'succeeded') return { content: [{ type: 'text', text: JSON.stringify(run.outputs ?? {}) }], structuredContent: { status: run.status, runId: run.id, outputs: run.outputs ?? {} } };
  if (run.status === 'paused') {
    const resume = `/v1/workflows/${tool.target.workflowId}/runs/${run.id ?? ''}`;
    return { content: [{ type: 'text', text: `The workflow paused for an answer: read the question at GET ${resume}, answer at POST ${resume}/resume` }], structuredContent: { status: run.status, runId: run.id } };
  }
  return failed(`the workflow run ended ${run.status ?? 'unknown'}: ${JSON.stringify((run as { error?: unknown }).error ?? null)}`);
}

/** Serves one JSON-RPC message of a client: a fresh server per request (stateless), its tools those of the key's space. */
async function serve(app: App, context: HubContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const caller = gatewayCaller(request);
  const server = new Server({ name: 'astron-agent', version: VERSION }, { capabilities: { tools: {} } });
  let tools: CatalogTool[] | undefined;
  const known = async () => (tools ??= await catalog(context, caller.spaceId));
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await known()).map(({ name, description, inputSchema }) => ({ name, description, inputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (call) => {
    const tool = (await known()).find((item) => item.name === call.params.name);
    if (tool === undefined) return failed(`no tool ${call.params.name} in this space: list the tools again`);
    const args = call.params.arguments ?? {};
    // The same route an API client would call, as this caller: one code path, one authorization, one audit trail.
    const inner =
      tool.target.kind === 'agent'
        ? { url: '/v1/chat/completions', payload: { model: tool.target.model, messages: [{ role: 'user', content: typeof args.message === 'string' ? args.message : '' }], ...(typeof args.conversation_id === 'string' ? { conversation_id: args.conversation_id } : {}) } }
        : { url: `/v1/workflows/${encodeURIComponent(tool.target.workflowId)}/runs`, payload: { inputs: args, stream: false } };
    const answer = await app.inject({ method: 'POST', url: inner.url, payload: inner.payload, headers: { authorization: request.headers.authorization ?? '', 'content-type': 'application/json' } });
    return result(tool, { status: answer.statusCode, body: answer.json<InnerBody>() });
  });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  reply.hijack();
  reply.raw.on('close', () => void transport.close().then(() => server.close()));
  await server.connect(transport);
  await transport.handleRequest(request.raw, reply.raw, request.body);
}

/**
 * Every published agent and workflow of an API key's space as tools of an MCP server (Streamable HTTP, stateless,
 * JSON answers) at /v1/mcp, authenticated like the rest of /v1. A tool call runs the public route an API client would.
 */
export function mcpRoutes(app: App, context: HubContext): void {
  app.post('/v1/mcp', { schema: { tags: ['gateway'] } }, (request, reply) => serve(app, context, request, reply));
  const stateless = async (_request: FastifyRequest, reply: FastifyReply) =>
    reply.code(405).header('allow', 'POST').send({ code: 'method_not_allowed', message: 'this MCP server is stateless: POST JSON-RPC messages to /v1/mcp' });
  app.get('/v1/mcp', { schema: { tags: ['gateway'] } }, stateless);
  app.delete('/v1/mcp', { schema: { tags: ['gateway'] } }, stateless);
}
