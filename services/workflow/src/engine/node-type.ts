import type { EgressClient } from '@astron/kit/egress';
import type { ModelClient, ModelEndpoint, ModelParameters } from '@astron/llm';
import type { SandboxPool } from '@astron/sandbox';
import type { CompiledNode, WorkflowDocument } from './graph.js';
import type { ValueSource } from './variables.js';

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** A node that waits for a person: the run pauses until someone answers through the resume API. */
export interface PauseRequest {
  /** Shown to the person: the question, the options to choose from, anything the node's UI needs. */
  prompt: Record<string, unknown>;
}

export interface NodeOutcome {
  outputs: Record<string, unknown>;
  /** The branch taken, for nodes whose edges leave by handles (if-else, decision-making). */
  branch?: string;
  usage?: Usage;
  pause?: PauseRequest;
}

/** What a node gets to run. */
export interface NodeContext {
  node: CompiledNode;
  /** The node's inputs, resolved from the variable pool. */
  inputs: Record<string, unknown>;
  run: RunIdentity & { inputs: Record<string, unknown>; history: ChatTurn[]; subflows: Record<string, PublishedWorkflow> };
  /** 1 for the first try. */
  attempt: number;
  /** Aborted on the node's timeout, a cancelled run, or a lost lease. */
  signal: AbortSignal;
  /** Streams a piece of the node's answer to the run's readers (LLM tokens, messages). */
  emit: (delta: { content?: string; reasoning?: string }) => void;
  /** The conversation's variables (per workflow, owner and chat id), kept across runs. */
  variables: {
    get(names: string[]): Promise<Record<string, unknown>>;
    set(values: Record<string, unknown>): Promise<void>;
  };
  /** For a node that paused: the answer it was resumed with; undefined on its first execution. */
  answer?: unknown;
  /**
   * Runs the body of this iteration or loop node once, as its `index`-th pass. `seed` is what the pass starts from:
   * the outputs of the iteration's iteration-node-start, or the loop's variables (what the body reads as the loop
   * node's outputs). Resolves with the body end's outputs and a reader of any value the pass produced.
   */
  runBody: (index: number, seed: Record<string, unknown>) => Promise<BodyPass>;
  /** Runs the workflow a flow node names with these inputs, nested in this run; resolves with its end node's outputs. */
  runSubflow: (inputs: Record<string, unknown>) => Promise<Record<string, unknown>>;
  services: NodeServices;
}

export interface BodyPass {
  outputs: Record<string, unknown>;
  read(source: ValueSource): unknown;
}

/** Who a run acts for: nodes calling other services act in its space, for its owner. */
export interface RunIdentity {
  id: string;
  spaceId: string;
  /** Who started the run: the app of an API key, or the person in the console. */
  owner: { kind: 'user' | 'app'; id: string };
  /** The published version it runs; null for a draft (a debug run from the console). */
  version: number | null;
}

/** A published workflow the hub resolved when the run started (by packages/dsl `subflowKey`; an agent node's tools by id). */
export interface PublishedWorkflow {
  workflowId: string;
  version: number;
  /** Its name and description as published (runs persisted before they were sent have none). */
  name?: string;
  description?: string;
  workflow: WorkflowDocument;
}

/** A turn of the conversation a run belongs to (the original's `history`), oldest first. */
export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** The platform parts nodes use, given by the service that hosts the engine. */
export interface NodeServices {
  /** A model of the run's space by its reference `<providerId>/<modelId>`, resolved through the hub at every call. */
  model(spaceId: string, reference: string, parameters: ModelParameters): Promise<ModelClient>;
  /** The only way nodes reach URLs users give (SSRF guard, EGRESS_*). */
  egress: EgressClient;
  /** Runs code nodes; absent where no sandbox runs (the node then fails saying so). */
  sandbox?: SandboxPool;
  /** The endpoint of a model of the space, for services that call it themselves (agent nodes hand it to the agent service). */
  modelEndpoint?(spaceId: string, reference: string): Promise<ModelEndpoint>;
  /** Runs agent nodes' agents (the agent service); absent where none is reachable. */
  agent?: AgentRunner;
  /** Retrieves passages for knowledge-base nodes (the knowledge service). */
  knowledge?: KnowledgeRetriever;
  /** Runs plugin nodes' tools (the link service). */
  tools?: ToolRunner;
  /** Runs database nodes' SQL (the memory service). */
  sql?: SqlRunner;
}

/** The space a call to another service acts in, and for whom (user or app). */
export type ActingFor = Pick<RunIdentity, 'spaceId' | 'owner'>;

/** What link's POST /link/v1/tools/run answers: a non-2xx answer of the tool is `ok: false`. */
export interface ToolRunAnswer {
  version: string;
  ok: boolean;
  status: number;
  output: unknown;
}

/** What link's POST /link/v1/mcp/call answers. */
export interface McpCallAnswer {
  isError: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: unknown;
}

export interface ToolRunner {
  run(on: ActingFor, request: { toolId: string; operationId: string; version?: string; inputs: Record<string, unknown> }, signal: AbortSignal): Promise<ToolRunAnswer>;
  callMcp(on: ActingFor, request: { serverId: string; tool: string; arguments: Record<string, unknown> }, signal: AbortSignal): Promise<McpCallAnswer>;
}

/** A statement for memory's POST /memory/v1/databases/:id/sql: values only ever travel in `params`. */
export interface SqlRequest {
  sql: string;
  params: unknown[];
  env: 'dev' | 'prod';
  uid: string;
}

export interface SqlAnswer {
  command: string;
  rows: Record<string, unknown>[];
  rowCount: number;
  truncated: boolean;
}

export type SqlRunner = (on: ActingFor, databaseId: number, request: SqlRequest, signal: AbortSignal) => Promise<SqlAnswer>;

/** A passage as the knowledge service's /knowledge/retrieve answers it. */
export interface RetrievedPassage {
  chunkId: string;
  kbId: string;
  documentId: string;
  documentName: string;
  content: string;
  score: number;
  position: number;
  page?: number | null;
  headingPath?: string[];
}

export type KnowledgeRetriever = (
  spaceId: string,
  request: { kbIds: string[]; query: string; topK: number; scoreThreshold: number; filters?: { documentIds?: string[] } },
  signal: AbortSignal,
) => Promise<RetrievedPassage[]>;

/** An agent as an agent node defines it (the agent service's definition: services/agent/src/routes/schemas.ts). */
export interface AgentRunRequest {
  definition: { instructions: string; tools: (string | { name: string; provider?: string; options?: Record<string, unknown> })[]; strategy: 'function-calling' | 'react' | 'auto'; maxSteps: number; parameters: { maxTokens?: number; temperature?: number } };
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
}

export interface AgentRunResult {
  content: string;
  reasoning: string;
  /** The agent's tool steps as the agent service reports them. */
  steps: unknown[];
  usage: Usage;
}

export type AgentRunner = (
  on: ActingFor,
  request: AgentRunRequest & { model: ModelEndpoint },
  signal: AbortSignal,
  onDelta: (delta: { content?: string; reasoning?: string }) => void,
) => Promise<AgentRunResult>;

export interface NodeType {
  type: string;
  execute(context: NodeContext): Promise<NodeOutcome>;
}

/** A node failed for good under error strategy 0: the run (or the iteration pass it is in) fails with it. */
export class RunFailed extends Error {
  constructor(readonly detail: { code: string; message: string; nodeId: string }) {
    super(detail.message);
    this.name = 'RunFailed';
  }
}

/** A node's failure that retrying cannot mend (bad configuration, bad input): no retries are spent on it. */
export class NodeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'NodeFailure';
  }
}
