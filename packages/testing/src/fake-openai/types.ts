import type { IncomingHttpHeaders } from 'node:http';

/** The body of a chat completion request, as the fake reads it (everything else is kept, untyped). */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  tools?: unknown[];
  [key: string]: unknown;
}

export interface ChatMessage {
  role: string;
  content?: string | { type: string; text?: string }[] | null;
  tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[];
  [key: string]: unknown;
}

/** One HTTP request the fake received, recorded for assertions. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; undefined for GET or a body that was not JSON. */
  body: unknown;
  receivedAt: number;
}

export interface ReplyUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export interface TextReply {
  content: string;
  /** Streamed as `reasoning_content` deltas (and `message.reasoning_content` when not streamed). */
  reasoning?: string;
  usage?: ReplyUsage;
}

export interface ScriptedToolCall {
  name: string;
  /** An object is sent as its JSON text; a string is sent as is (so tests can send broken JSON). */
  arguments: Record<string, unknown> | string;
  id?: string;
}

export interface ToolCallsReply {
  /** One call, or several for parallel tool calls. */
  toolCalls: ScriptedToolCall[];
  content?: string;
  reasoning?: string;
  usage?: ReplyUsage;
}

export interface ErrorReply {
  error: { status: number; message: string; type?: string; code?: string };
  /** Extra response headers, e.g. `{ 'retry-after-ms': '10' }`, which the SDK honours when it retries. */
  headers?: Record<string, string>;
}

export type ReplyBody = TextReply | ToolCallsReply | ErrorReply;

/** Decides whether a queued reply is meant for this request (so concurrent tests can share one fake). */
export type RequestMatcher = (request: ChatRequest, recorded: RecordedRequest) => boolean;

export type ReplyFunction = (
  request: ChatRequest,
  recorded: RecordedRequest,
) => ReplyBody | Promise<ReplyBody>;

/** What `fake.script()` takes: a reply, optionally with a matcher, or a function that builds one. */
export type ScriptedReply = (ReplyBody & { match?: RequestMatcher }) | ReplyFunction;

export interface FakeOpenAIOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** When set, every request must carry `Authorization: Bearer <apiKey>` or gets a 401. */
  apiKey?: string;
  /** Wait before the first byte of a chat completion, embeddings or rerank response. */
  latencyMs?: number;
  /** Pace of streamed tokens; undefined sends them as fast as possible. */
  tokensPerSecond?: number;
  /** Ids listed by `GET /v1/models`. */
  models?: string[];
  /** Keep every request in `fake.requests` (default true); benchmarks may turn it off to save memory. */
  recordRequests?: boolean;
  onRequest?: (request: RecordedRequest) => void;
}

export interface FakeOpenAI {
  /** The baseURL to give the openai SDK, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  /** Every request received since the start or the last reset, oldest first. */
  readonly requests: RecordedRequest[];
  /** Called for every request, before it is answered. */
  onRequest: ((request: RecordedRequest) => void) | undefined;
  /** Queue replies for chat completion calls. */
  script(replies: ScriptedReply | ScriptedReply[]): void;
  /** Replace the echo reply given when nothing queued fits; undefined restores the echo. */
  setDefaultReply(reply: ReplyBody | ReplyFunction | undefined): void;
  /** Replies still queued. */
  pendingReplies(): number;
  /** Requests being answered right now (open streams included). */
  activeRequests(): number;
  /** Forget queued replies, recorded requests and the default reply. */
  reset(): void;
  close(): Promise<void>;
}
