import type { EgressClient } from '@astron/kit/egress';
import type { z } from 'zod';

/** What a tool call may use besides its input. */
export interface ToolContext {
  spaceId: string;
  conversationId: string;
  /** On whose behalf the run goes: the app of an API key, or the person in the console. */
  caller: { app?: string; user?: string };
  /** Aborted when the call times out or the run is cancelled; long work should listen to it. */
  signal: AbortSignal;
  /** The one HTTP client for user-supplied URLs (private addresses refused per EGRESS_*). */
  egress: EgressClient;
}

export interface ToolDefinition<Input = unknown> {
  name: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  /** This tool's own limit; AGENT_TOOL_TIMEOUT_MS caps it. */
  timeoutMs: number;
  /** Returns text or anything JSON can carry; throws to report an error to the model. */
  run(input: Input, context: ToolContext): Promise<unknown>;
}

/** One typed definition per tool; its input schema also becomes the JSON schema the model sees. */
export function defineTool<Schema extends z.ZodType>(definition: {
  name: string;
  description: string;
  inputSchema: Schema;
  timeoutMs?: number;
  run(input: z.output<Schema>, context: ToolContext): Promise<unknown>;
}): ToolDefinition<z.output<Schema>> {
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(definition.name)) throw new Error(`tool name ${definition.name} must match ^[a-zA-Z0-9_-]{1,64}$ (OpenAI's rule)`);
  return { ...definition, inputSchema: definition.inputSchema as z.ZodType<z.output<Schema>>, timeoutMs: definition.timeoutMs ?? 10_000 };
}
