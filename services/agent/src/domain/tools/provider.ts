import type { ToolReference } from '../types.js';
import type { ToolContext } from './define-tool.js';

/** What the model is told about a tool. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the input object. */
  parameters: Record<string, unknown>;
  timeoutMs: number;
  /**
   * What the provider resolved for this run (a pinned version, a database id), handed back to `runTool` with the
   * spec. Kept per run, so two agents may give one tool name different meanings at the same time. Never sent to the model.
   */
  binding?: unknown;
}

/** A tool reference with its provider spelled out. */
export interface ToolRequest {
  name: string;
  provider: string;
  options: Record<string, unknown>;
}

/** Whose run the tools serve; providers that call other services act in this space. */
export interface RunScope {
  spaceId: string;
  conversationId: string;
  caller: { app?: string; user?: string };
}

/**
 * A source of tools: built-in, knowledge retrieval, workflows, link (OpenAPI and MCP tools), per-agent databases and
 * AI tools. Strategies see only specs and results, so a new provider changes nothing there.
 */
export interface ToolProvider {
  readonly id: string;
  /** The specs of the requested tools; throws a 400 AppError naming any tool it does not have. */
  listTools(requests: ToolRequest[], scope: RunScope): Promise<ToolSpec[]>;
  /** Runs one call. `input` is the model's parsed arguments, not yet validated. Throws to report an error. */
  runTool(name: string, input: unknown, context: ToolContext, spec: ToolSpec): Promise<unknown>;
}

export function toolRequest(reference: ToolReference): ToolRequest {
  if (typeof reference === 'string') return { name: reference, provider: 'builtin', options: {} };
  return { name: reference.name, provider: reference.provider ?? 'builtin', options: reference.options ?? {} };
}
