import type { EgressClient } from '@astron/kit/egress';
import { AppError, isAppError } from '@astron/kit/errors';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport, SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { mcpFailed } from '../errors.js';
import { egressFetch, eventStreamFetch } from './egress-fetch.js';

export type McpTransport = 'streamable-http' | 'sse';

/** Where and how to reach an MCP server, credentials opened. Never a command: only remote servers. */
export interface McpEndpoint {
  url: string;
  transport: McpTransport;
  headers: Record<string, string>;
}

export interface McpTool {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
}

export interface McpCallResult {
  isError: boolean;
  content: unknown[];
  structuredContent?: unknown;
}

type Stage = 'mcp_connect_failed' | 'mcp_list_failed' | 'mcp_call_failed';

/** One transport opened for one listing or call. */
interface Session {
  transport: Transport;
  /** The egress client's error behind a failure the transport reports only as text. */
  egressFailure: () => AppError | undefined;
  end: () => Promise<void>;
}

const MAX_PAGES = 20;
const VERSION = '0.1.0';

/** Our errors (the SSRF guard's refusal, a timeout, a cap) as they are, even behind the SSE transport's text; the SDK's as a 502 naming the step. */
function failure(error: unknown, stage: Stage, url: string, timeoutMs: number, session: Session): AppError {
  if (isAppError(error)) return error;
  const egressError = session.egressFailure();
  if (egressError !== undefined) return egressError;
  if (error instanceof McpError && error.code === Number(ErrorCode.RequestTimeout)) {
    return new AppError({ status: 504, code: 'mcp_timeout', message: `the MCP server at ${url} did not answer within ${timeoutMs} ms`, retryable: true });
  }
  const reason = error instanceof Error ? error.message : String(error);
  const step = stage === 'mcp_connect_failed' ? 'connecting to' : stage === 'mcp_list_failed' ? 'listing the tools of' : 'calling a tool of';
  return mcpFailed(stage, `${step} the MCP server at ${url} failed: ${reason}`);
}

/** Sessions with remote MCP servers, one per listing or call, every request through the egress client. */
export function mcpConnector(options: { egress: EgressClient; timeoutMs: number }) {
  const { timeoutMs } = options;
  const streamableFetch = egressFetch(options.egress, timeoutMs);

  function open(endpoint: McpEndpoint): Session {
    const url = new URL(endpoint.url);
    const requestInit = { headers: endpoint.headers };
    if (endpoint.transport === 'streamable-http') {
      const transport = new StreamableHTTPClientTransport(url, { fetch: streamableFetch, requestInit });
      // Ends the session on the server too; a server that keeps none answers 405, which is fine.
      return { transport, egressFailure: () => undefined, end: () => transport.terminateSession() };
    }
    const events = eventStreamFetch(options.egress, timeoutMs);
    const transport = new SSEClientTransport(url, { fetch: events.fetch, requestInit });
    // The event stream is the session. When it breaks, EventSource would reconnect into a new session on the
    // server, where our pending requests are unknown; closing fails them now instead of at their timeout.
    transport.onerror = (error) => {
      if (error instanceof SseError) void transport.close();
    };
    return { transport, egressFailure: events.failure, end: async () => undefined };
  }

  async function withSession<T>(endpoint: McpEndpoint, stage: Stage, work: (client: Client) => Promise<T>): Promise<T> {
    const session = open(endpoint);
    const client = new Client({ name: 'astron-link', version: VERSION });
    try {
      await client.connect(session.transport, { timeout: timeoutMs });
    } catch (error) {
      await client.close().catch(() => undefined);
      throw failure(error, 'mcp_connect_failed', endpoint.url, timeoutMs, session);
    }
    try {
      return await work(client);
    } catch (error) {
      throw failure(error, stage, endpoint.url, timeoutMs, session);
    } finally {
      await session.end().catch(() => undefined);
      await client.close().catch(() => undefined);
    }
  }

  return {
    async listTools(endpoint: McpEndpoint): Promise<McpTool[]> {
      return withSession(endpoint, 'mcp_list_failed', async (client) => {
        const tools: McpTool[] = [];
        let cursor: string | undefined;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const answer = await client.listTools(cursor === undefined ? {} : { cursor }, { timeout: timeoutMs });
          for (const tool of answer.tools) {
            tools.push({
              name: tool.name,
              description: tool.description ?? tool.title ?? '',
              inputSchema: tool.inputSchema,
              ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema }),
            });
          }
          cursor = answer.nextCursor;
          if (cursor === undefined) break;
        }
        return tools;
      });
    },

    async callTool(endpoint: McpEndpoint, name: string, args: Record<string, unknown>): Promise<McpCallResult> {
      return withSession(endpoint, 'mcp_call_failed', async (client) => {
        const answer = await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs });
        const content = Array.isArray(answer.content) ? (answer.content as unknown[]) : [];
        return { isError: answer.isError === true, content, ...(answer.structuredContent === undefined ? {} : { structuredContent: answer.structuredContent }) };
      });
    },
  };
}

export type McpConnector = ReturnType<typeof mcpConnector>;
