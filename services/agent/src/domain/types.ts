import type { ModelEndpoint, ModelParameters, Usage } from '@astron/llm';

export type { ModelEndpoint, ModelParameters, Usage };

/** A tool a definition asks for: a built-in tool's name, or an object naming the provider that serves it. */
export type ToolReference = string | { name: string; provider?: string; options?: Record<string, unknown> };

export type StrategyName = 'function-calling' | 'react' | 'auto';

export interface AgentDefinition {
  /** The hub's agent id, kept on conversations for logs. */
  id?: string;
  instructions: string;
  /** The model id; the run request's model endpoint names it when this is absent. */
  model?: string;
  parameters: ModelParameters;
  tools: ToolReference[];
  strategy: StrategyName;
  maxSteps: number;
  memory: { enabled: boolean; maxTokens: number };
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One step of a run, streamed as `astron_step` and returned in `astron.steps`. */
export type AgentStep =
  | { type: 'tool_call'; id: string; name: string; arguments: unknown; reason?: string }
  | { type: 'tool_result'; id: string; name: string; result?: string; error?: string; durationMs: number }
  | { type: 'max_steps_reached'; maxSteps: number; message: string };

export type RunEvent = { type: 'delta'; content?: string; reasoning?: string } | { type: 'step'; step: AgentStep };

export type EmitEvent = (event: RunEvent) => void;

export interface RunOutcome {
  content: string;
  reasoning: string;
  finishReason: 'stop' | 'length';
  usage: Usage;
  steps: AgentStep[];
}
