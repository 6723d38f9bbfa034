// The shapes of docs/api/console-api.md, the contract between this console and the hub.
import type { AgentDatabase, AgentMcpTool, AgentPlugin } from './plugin-types.js';

export type Role = 'owner' | 'admin' | 'editor' | 'viewer';
export type SpaceKind = 'personal' | 'team';
export type Permission =
  | 'space.view'
  | 'space.update'
  | 'space.delete'
  | 'members.view'
  | 'members.manage'
  | 'providers.view'
  | 'providers.manage'
  | 'apikeys.view'
  | 'apikeys.manage'
  | 'audit.view'
  | 'resources.view'
  | 'resources.edit';

export interface SetupState {
  needsSetup: boolean;
  localLogin: boolean;
  sso: { name: string } | null;
}

export interface Me {
  user: {
    id: string;
    email: string;
    name: string;
    platformAdmin: boolean;
    hasPassword: boolean;
    locale?: string | null;
  };
  spaces: { id: string; name: string; kind: SpaceKind; role: Role }[];
  currentSpace: { id: string; name: string; kind: SpaceKind; role: Role; permissions: string[] };
  csrfToken: string;
}

/** Who did something: the contract leaves the form open, so the console accepts a string or a person. */
export type PersonRef = string | { id?: string; email?: string; name?: string } | null;

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export type InvitableRole = Exclude<Role, 'owner'>;

export interface Invitation {
  id: string;
  email: string;
  role: InvitableRole;
  invitedBy: PersonRef;
  createdAt: string;
  expiresAt: string;
}

/** What an invitation link is for, shown before signing in (GET /api/invitations/preview). */
export interface InvitationPreview {
  spaceName: string;
  email: string;
  role: InvitableRole;
  expiresAt: string;
  accountExists: boolean;
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: InvitableRole;
  expiresAt: string;
  acceptUrl: string;
}

export type ModelKind = 'chat' | 'embedding' | 'other';

export interface ProviderModel {
  id: string;
  kind: ModelKind;
  source: 'fetched' | 'entered';
}

export interface Provider {
  id: string;
  name: string;
  baseUrl: string;
  hasApiKey: boolean;
  headerNames: string[];
  models: ProviderModel[];
  lastTest: { at: string; ok: boolean; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProviderDefaults {
  chatModel: string | null;
  embeddingModel: string | null;
}

export interface ProviderInput {
  name?: string;
  baseUrl?: string;
  apiKey?: string | null;
  headers?: Record<string, string>;
  models?: { id: string; kind: ModelKind }[];
}

export interface ConnectionTest {
  ok: boolean;
  message: string;
  latencyMs: number;
  modelCount: number;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdBy: PersonRef;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  key: string;
}

export interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string; email: string } | null;
  target: { type: string; id: string } | null;
  details: unknown;
  ip: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const AUDIT_ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.locked',
  'auth.signed_out',
  'auth.password_changed',
  'space.created',
  'space.updated',
  'space.deleted',
  'member.invited',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'invitation.revoked',
  'provider.created',
  'provider.updated',
  'provider.deleted',
  'provider.defaults_changed',
  'apikey.created',
  'apikey.revoked',
] as const;

export type BuiltinTool = 'current_time' | 'calculator' | 'web_reader';
export type AgentStrategy = 'auto' | 'function-calling' | 'react';

/** The editable part of an agent (docs/api/console-api.md, "Agents"). */
export interface AgentDraft {
  name: string;
  icon: string;
  description: string;
  instructions: string;
  /** `<providerId>/<modelId>`. */
  model: string | null;
  parameters: { temperature?: number; maxTokens?: number; topP?: number };
  tools: BuiltinTool[];
  /** Workflows of the space the agent calls as tools (their published versions). */
  workflows?: string[];
  /** Knowledge bases of the space the agent searches, citing what it uses. */
  knowledge?: AgentKnowledge;
  /** Operations of the space's link tool sets (at most 32). */
  plugins?: AgentPlugin[];
  /** Tools of the space's MCP servers (at most 32). */
  mcpTools?: AgentMcpTool[];
  /** The space's databases the agent queries in natural language (at most 4). */
  databases?: AgentDatabase[];
  /** Built-in AI tools by name (at most 8). */
  aiTools?: string[];
  /** Robots on the space's RPA platform the agent runs as tools (at most 16). */
  rpa?: AgentRpaRobot[];
  strategy: AgentStrategy;
  maxSteps: number;
  openingMessage: string;
  suggestedQuestions: string[];
  memory: { enabled: boolean; maxTokens: number };
}

/** An RPA robot as an agent tool: the platform's project, the tool name and what the model is told of it. */
export interface AgentRpaRobot {
  projectId: string;
  /** The tool's name: letters, digits, _ or -, at most 64, unique among the agent's robots. */
  name: string;
  description: string;
  /** The JSON schema of the robot's input, an object. */
  parameters: Record<string, unknown>;
}

export interface Agent extends AgentDraft {
  id: string;
  /** A stable name the public API accepts as `model` in place of the id; not versioned. */
  alias: string | null;
  publishedVersion: number | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** PATCH /api/agents/:id: any draft fields, and the alias (which takes effect at once). */
export type AgentChanges = Partial<AgentDraft> & { alias?: string | null };

export interface AgentVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  snapshot: AgentDraft;
}

export interface AgentExport {
  format: 'astron-agent';
  formatVersion: 1;
  agent: AgentDraft;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A tool step of an answer, as the agent streams it (`astron_step`) and as the logs keep it. */
export type AgentStep =
  | { type: 'tool_call'; id: string; name: string; arguments: unknown; reason?: string }
  | { type: 'tool_result'; id: string; name: string; result?: string; error?: string; durationMs: number }
  | { type: 'max_steps_reached'; maxSteps?: number; message?: string };

export type ConversationSource = 'debug' | 'api';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** One conversation of an agent's logs (GET /api/agents/:id/conversations), most recently active first. */
export interface ConversationSummary {
  id: string;
  /** The first question, at most 120 characters; may be empty. */
  title: string;
  source: ConversationSource;
  /** The API key's app, for `api` conversations. */
  appId: string | null;
  messageCount: number;
  usage: TokenUsage;
  createdAt: string;
  updatedAt: string;
}

/** One message of a logged conversation; usage, model and duration are set on assistant answers. */
export interface LogMessage {
  seq: number;
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  steps: AgentStep[];
  usage: TokenUsage | null;
  model: string | null;
  durationMs: number | null;
  createdAt: string;
}

export interface ConversationDetail extends ConversationSummary {
  messages: LogMessage[];
}

/** What the hub stores as a workflow's draft: the DSL's `{ nodes, edges }` and whatever the canvas keeps beside them. */
export interface WorkflowDraft {
  nodes: unknown[];
  edges: unknown[];
  [key: string]: unknown;
}

/** One thing wrong with a draft, as packages/dsl's validateWorkflow reports it. */
export interface WorkflowProblem {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  field?: string;
}

export interface WorkflowSummary {
  id: string;
  name: string;
  description: string;
  alias: string | null;
  problems: WorkflowProblem[];
  publishedVersion: number | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A workflow with its draft (docs/api/console-api.md, "Workflows"); list items come without the draft. */
export interface Workflow extends WorkflowSummary {
  draft: WorkflowDraft;
}

export interface WorkflowChanges {
  name?: string;
  description?: string;
  alias?: string | null;
  draft?: WorkflowDraft;
}

export interface WorkflowVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  snapshot: { name: string; description: string; draft: WorkflowDraft };
}

export interface WorkflowImportWarning {
  code: string;
  message: string;
  nodeId?: string;
}

export interface WorkflowExport {
  format: 'astron-workflow';
  formatVersion: 1;
  name: string;
  description: string;
  data: WorkflowDraft;
}

export type RunStatus = 'queued' | 'running' | 'paused' | 'succeeded' | 'failed' | 'cancelled';

export interface RunError {
  code: string;
  message: string;
}

/** A run of a workflow (debug runs of the draft have `version: null`). */
export interface WorkflowRun {
  id: string;
  workflowId?: string;
  version?: number | null;
  status: RunStatus;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown> | null;
  error: RunError | null;
  createdAt: string;
  startedAt?: string | null;
  finishedAt: string | null;
}

export interface WorkflowNodeRun {
  nodeKey: string;
  nodeId: string;
  nodeType?: string;
  status: string;
  attempt?: number;
  inputs: Record<string, unknown> | null;
  outputs: Record<string, unknown> | null;
  branch?: string | null;
  error: RunError | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  durationMs: number | null;
}

export interface WorkflowRunDetail extends WorkflowRun {
  nodes: WorkflowNodeRun[];
}

/** A knowledge base's chunking (docs/api/console-api.md, "Knowledge"); `separator` only in separator mode. */
export interface ChunkingSettings {
  mode: 'recursive' | 'heading' | 'separator';
  maxTokens: number;
  overlapTokens: number;
  separator?: string;
}

export type RetrievalMode = 'hybrid' | 'vector' | 'fulltext';

export interface RetrievalSettings {
  mode: RetrievalMode;
  topK: number;
  scoreThreshold: number;
  /** `<providerId>/<modelId>`, or null for no reranking. */
  rerankModel: string | null;
}

export interface KnowledgeBase {
  id: string;
  name: string;
  description: string;
  backend: 'builtin' | 'ragflow';
  /** `<providerId>/<modelId>`; null for RAGFlow bases. */
  embeddingModel: string | null;
  /** Fixed by the first vectors; null until then. */
  dimensions: number | null;
  chunking: ChunkingSettings;
  retrieval: RetrievalSettings;
  documentCount: number;
  chunkCount: number;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/knowledge-bases; PATCH takes the same fields (chunking and retrieval in part). */
export interface KnowledgeBaseInput {
  name?: string;
  description?: string;
  embeddingModel?: string;
  chunking?: Partial<ChunkingSettings>;
  retrieval?: Partial<RetrievalSettings>;
}

export type DocumentStatus = 'queued' | 'parsing' | 'embedding' | 'ready' | 'failed';

export interface KnowledgeDocument {
  id: string;
  kbId: string;
  name: string;
  source: string;
  sourceUrl?: string | null;
  type: string | null;
  sizeBytes: number | null;
  status: DocumentStatus;
  chunkCount: number;
  embeddedCount: number;
  /** How far ingestion is, 0..1. */
  progress: number;
  error: { code: string; message: string } | null;
  pageCount: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface KnowledgeChunk {
  id: string;
  kbId: string;
  documentId: string;
  position: number;
  content: string;
  tokens: number;
  headingPath: string[];
  page: number | null;
  pageEnd?: number | null;
  enabled: boolean;
  /** Changed by hand since ingestion. */
  edited: boolean;
  embedded: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChunkPage {
  items: KnowledgeChunk[];
  total: number;
  offset: number;
  limit: number;
}

/** POST .../documents/preview: the first chunks a document would make, nothing stored. */
export interface DocumentPreview {
  type: string;
  pageCount: number | null;
  chunks: { position: number; content: string; tokens: number; headingPath: string[]; page: number | null }[];
  total: number;
}

/** Why a passage was found: each figure is null when that source did not find it (or did not run). */
export interface RetrievalExplain {
  vectorScore: number | null;
  vectorRank: number | null;
  textScore: number | null;
  textRank: number | null;
  fusedScore: number | null;
  rerankScore: number | null;
}

export interface RetrievedPassage {
  chunkId: string;
  kbId: string;
  documentId: string;
  documentName: string;
  content: string;
  score: number;
  position: number;
  page: number | null;
  headingPath: string[];
  explain?: RetrievalExplain;
}

export interface RetrievalQuery {
  query: string;
  topK?: number;
  scoreThreshold?: number;
  mode?: RetrievalMode;
}

/** A passage an agent's answer cites as [n] (`astron.citations` of the final chunk or the completion). */
export interface Citation {
  n: number;
  kbId?: string;
  documentId?: string;
  documentName: string;
  page: number | null;
  content: string;
  score: number;
}

/** What an agent searches in its knowledge bases (the hub's draft schema: at most 10 bases, topK 1..20). */
export interface AgentKnowledge {
  kbIds: string[];
  topK: number;
  scoreThreshold: number;
}
