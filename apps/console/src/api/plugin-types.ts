// The shapes of the hub's plugin routes (/api/plugins/...), which pass link's, aitools' and rpa's answers through.

/** A JSON schema as the services give it: the console reads a few keywords, the rest is shown as it is. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  [keyword: string]: unknown;
}

export type AuthType = 'none' | 'apiKey' | 'bearer' | 'basic' | 'oauth2';

/** A tool set's authentication; a secret reads '********' when one is stored, and sent back so it is kept. */
export type ToolSetAuth =
  | { type: 'none' }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string; value?: string }
  | { type: 'bearer'; token?: string }
  | { type: 'basic'; username: string; password?: string }
  | {
      type: 'oauth2';
      tokenUrl: string;
      clientId: string;
      clientSecret?: string;
      scopes?: string[];
      audience?: string;
      clientAuth?: 'basic' | 'body';
    };

export interface ToolOperation {
  operationId: string;
  /** The model-safe function name. */
  name: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema | null;
}

export interface ToolSetSummary {
  id: string;
  name: string;
  description: string;
  format: string;
  serverUrl: string | null;
  operationCount: number;
  authType: AuthType;
  /** The newest published version ('v3'), null before the first publish. */
  latestVersion: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ToolSet extends ToolSetSummary {
  source: { kind: string; url: string | null };
  auth: ToolSetAuth;
  operations: ToolOperation[];
  skipped: { operation: string; reason: string }[];
}

/** The document: pasted text (JSON or YAML) or a public URL the service fetches. */
export type ToolSetSource = { text: string } | { url: string };

export interface ToolSetInput {
  source?: ToolSetSource;
  name?: string;
  description?: string;
  /** null: the document's own server again. */
  serverUrl?: string | null;
  auth?: ToolSetAuth;
}

export interface ToolSetVersion {
  version: string;
  seq: number;
  name: string;
  operationCount: number;
  publishedBy: string | null;
  publishedAt: string;
}

/** A published version with the operations it froze (what a node pinned to it, or to the latest, runs). */
export interface ToolSetVersionDetail extends ToolSetVersion {
  toolSetId: string;
  description: string;
  format: string;
  serverUrl: string | null;
  operations: ToolOperation[];
  skipped: { operation: string; reason: string }[];
}

export interface ToolTestRun {
  version: string;
  operationId: string;
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
  result: { ok: boolean; status: number; contentType: string | null; output: unknown; durationMs: number };
}

export type McpTransport = 'streamable-http' | 'sse';

export interface McpServer {
  id: string;
  name: string;
  description: string;
  url: string;
  transport: McpTransport;
  /** Header names with their values masked. */
  headers: Record<string, string>;
  bearerToken: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface McpServerInput {
  name?: string;
  description?: string;
  url?: string;
  transport?: McpTransport;
  headers?: Record<string, string>;
  /** null removes it; the mask keeps it. */
  bearerToken?: string | null;
}

export interface McpTool {
  name: string;
  description?: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
}

export interface McpCallResult {
  isError: boolean;
  content: unknown[];
  structuredContent?: unknown;
}

export const MODEL_SLOTS = ['image', 'speech', 'transcription', 'vision', 'chat'] as const;
export type ModelSlot = (typeof MODEL_SLOTS)[number];
/** Per kind, `<providerId>/<modelId>` or null. */
export type AiToolModels = Record<ModelSlot, string | null>;

export interface AiTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  models: { required: ModelSlot[]; optional: ModelSlot[] };
  available: boolean;
  message: string | null;
  missingModels: { slot: ModelSlot; required: boolean; message: string }[];
}

export interface AiToolsState {
  models: AiToolModels;
  tools: AiTool[];
}

export interface RpaState {
  /** The RPA service answers and its platform is configured. */
  configured: boolean;
  /** The RPA platform answered the RPA service's probe just now. */
  reachable: boolean;
  tokenSet: boolean;
}

/** An operation of a link tool set an agent calls; no version: the latest published. */
export interface AgentPlugin {
  toolId: string;
  operationId: string;
  version?: string;
}

export interface AgentMcpTool {
  serverId: string;
  tool: string;
}

export interface AgentDatabase {
  databaseId: number;
  /** Default true: the agent may only read. */
  readOnly?: boolean;
}
