import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply } from 'fastify';
import type { ServiceClaims } from '@astron/kit/crypto';
import { isAppError, unavailable } from '@astron/kit/errors';
import { createServiceClient, type ServiceClient } from '@astron/kit/service-client';
import type { HubContext } from '../context.js';
import type { ModelEndpoint } from './model-endpoints.js';
import type { AgentDraft, ChatTurn } from './schemas.js';

/** A run may take many model rounds and tools; the agent service bounds each of them itself. */
const RUN_TIMEOUT_MS = 15 * 60_000;

export interface RunInput {
  agentId: string;
  draft: AgentDraft;
  endpoint: ModelEndpoint;
  messages: ChatTurn[];
  conversationId?: string | undefined;
  variables?: Record<string, string | number | boolean> | undefined;
  stream: boolean;
  /** The agent's workflows and plugins as tool references (run-tools.ts), resolved for this run. */
  resolvedTools?: unknown[];
}

export const KNOWLEDGE_TOOL = 'knowledge_search';

/** The agent's knowledge bases as one search tool of the agent service's knowledge provider. */
function knowledgeTools(draft: AgentDraft) {
  const { kbIds, topK, scoreThreshold } = draft.knowledge;
  if (kbIds.length === 0) return [];
  const description = `Search this agent's knowledge base${kbIds.length > 1 ? 's' : ''} for passages about a question. Use it before answering questions the knowledge may cover, and cite the passages you use as [n].`;
  return [{ name: KNOWLEDGE_TOOL, provider: 'knowledge', options: { kbIds, topK, scoreThreshold, description } }];
}

/** The body of POST /agents/runs (services/agent/src/routes/schemas.ts). */
function runRequest(input: RunInput) {
  const { draft } = input;
  return {
    definition: {
      id: input.agentId,
      instructions: draft.instructions,
      model: input.endpoint.model,
      parameters: draft.parameters,
      tools: [...draft.tools, ...(input.resolvedTools ?? []), ...knowledgeTools(draft)],
      strategy: draft.strategy,
      maxSteps: draft.maxSteps,
      memory: draft.memory,
    },
    model: input.endpoint,
    messages: input.messages,
    ...(input.conversationId === undefined ? {} : { conversationId: input.conversationId }),
    variables: input.variables ?? {},
    stream: input.stream,
  };
}

/** One conversation of an agent's logs, as the agent service keeps it (services/agent/src/routes/conversations.ts). */
export interface ConversationSummary {
  id: string;
  agentId: string | null;
  title: string;
  source: 'debug' | 'api';
  appId: string | null;
  messageCount: number;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number };
  createdAt: string;
  updatedAt: string;
}

export interface ConversationDetail extends ConversationSummary {
  messages: unknown[];
}

export interface ConversationQuery {
  source?: 'debug' | 'api' | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Calls the agent service on behalf of a space (and user or app). `run` hands back the unread answer,
 * so a stream flows through as it is made.
 */
export function agentService(context: HubContext) {
  // Built per call: AGENT_URL is read when the call is made (the embedded start learns it after routes exist).
  const reachable = async <T>(call: (client: ServiceClient) => Promise<T>): Promise<T> => {
    try {
      return await call(createServiceClient({ baseUrl: context.config.agentUrl, serviceToken: context.serviceToken, caller: 'hub' }));
    } catch (error) {
      if (isAppError(error) && error.code === 'unavailable') {
        throw unavailable(`the hub could not reach the agent service at ${context.config.agentUrl} (AGENT_URL): ${error.message}`, error);
      }
      throw error;
    }
  };
  return {
    conversations(spaceId: string, agentId: string, query: ConversationQuery): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
      return reachable((client) => client.call('GET', '/conversations', { on: { space: spaceId }, query: { agentId, ...query } }));
    },

    conversation(spaceId: string, conversationId: string): Promise<ConversationDetail> {
      return reachable((client) => client.call('GET', `/conversations/${encodeURIComponent(conversationId)}`, { on: { space: spaceId } }));
    },

    async removeConversation(spaceId: string, conversationId: string): Promise<void> {
      await reachable((client) => client.call('DELETE', `/conversations/${encodeURIComponent(conversationId)}`, { on: { space: spaceId } }));
    },

    run(on: Omit<ServiceClaims, 'caller'>, input: RunInput, signal: AbortSignal): Promise<Response> {
      return reachable((client) =>
        client.open('POST', '/agents/runs', {
          body: runRequest(input),
          on,
          signal,
          timeoutMs: RUN_TIMEOUT_MS,
          headers: { accept: input.stream ? 'text/event-stream' : 'application/json' },
        }),
      );
    },
  };
}

/** Aborted when the client goes away before the answer is complete, so the run upstream stops too. */
export function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('the client disconnected'));
  });
  return controller.signal;
}

/** Passes the agent service's Server-Sent Events to the client byte for byte, as they arrive. */
export async function relayEventStream(reply: FastifyReply, upstream: Response, requestId: string): Promise<void> {
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': requestId,
  });
  reply.raw.flushHeaders();
  if (upstream.body === null) {
    reply.raw.end();
    return;
  }
  const source = Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>);
  try {
    for await (const chunk of source) {
      if (reply.raw.destroyed) break;
      // A slow client holds the upstream back instead of filling the hub's memory.
      if (!reply.raw.write(chunk as Buffer)) await drained(reply.raw);
    }
  } catch {
    // The client left (the upstream fetch is aborted with it) or the agent service went away mid-stream: nothing more to send.
  } finally {
    source.destroy();
    reply.raw.end();
  }
}

function drained(stream: NodeJS.WritableStream & { once(event: 'close', listener: () => void): unknown; off(event: string, listener: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}
