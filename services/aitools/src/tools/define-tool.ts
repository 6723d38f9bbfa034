import type { ModelEndpoint, Usage } from '@astron/llm';
import type { z } from 'zod';
import type { AitoolsLimits } from '../config.js';
import type { EgressClient } from '@astron/kit/egress';
import type { FileLinks, InputFile } from '../files/file-links.js';
import type { ModelSlot } from '../models/slots.js';
import type { Caller } from '../models/resolver.js';

/** What a tool may use besides its inputs. */
export interface ToolContext {
  caller: Caller;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /**
   * The endpoint of the model the call chose for `slot`, resolved through the hub. A required slot is always named
   * when `run` is called; an optional one that is not throws 400 model_not_configured naming the setting.
   */
  model(slot: ModelSlot): Promise<ModelEndpoint>;
  /** The file of a multipart call, if any. */
  upload: InputFile | null;
  /** A file by URL: this service's own link, or fetched through the egress client. */
  readFile(url: string): Promise<InputFile>;
  /** For pages and other URLs a tool reads itself. */
  egress: EgressClient;
  files: FileLinks;
  limits: AitoolsLimits;
}

export interface ToolResult<Output> {
  outputs: Output;
  /** Tokens of the chat model calls, when there were any. */
  usage?: Usage;
}

export interface AiTool<Input = unknown, Output = unknown> {
  /** `^[a-z0-9_]+$`, the path segment of its run route. */
  name: string;
  title: string;
  description: string;
  inputSchema: z.ZodType<Input>;
  outputSchema: z.ZodType<Output>;
  /** The model kinds it needs to run at all, and those some inputs need. */
  models: { required: ModelSlot[]; optional: ModelSlot[] };
  /** A tool taking a file: the input field a multipart `file` stands in for, and the kinds of file it takes. */
  upload?: { replaces: string; accepts: string };
  run(input: Input, context: ToolContext): Promise<ToolResult<Output>>;
}

/** One typed definition per tool; its schemas also become the JSON schemas GET /aitools/v1/tools lists. */
export function defineTool<InputSchema extends z.ZodType, OutputSchema extends z.ZodType>(definition: {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  outputSchema: OutputSchema;
  models: { required: ModelSlot[]; optional?: ModelSlot[] };
  upload?: { replaces: string; accepts: string };
  run(input: z.output<InputSchema>, context: ToolContext): Promise<ToolResult<z.output<OutputSchema>>>;
}): AiTool<z.output<InputSchema>, z.output<OutputSchema>> {
  if (!/^[a-z0-9_]{1,64}$/.test(definition.name)) throw new Error(`tool name ${definition.name} must match ^[a-z0-9_]{1,64}$`);
  return {
    ...definition,
    inputSchema: definition.inputSchema as z.ZodType<z.output<InputSchema>>,
    outputSchema: definition.outputSchema as z.ZodType<z.output<OutputSchema>>,
    models: { required: definition.models.required, optional: definition.models.optional ?? [] },
  };
}
