import { badRequest } from '@astron/kit/errors';
import { createServiceClient } from '@astron/kit/service-client';
import type { ToolProvider, ToolSpec } from './provider.js';

/** What the hub puts in a workflow tool reference: the published version to run, and how to describe it. */
interface WorkflowToolOptions {
  workflowId: string;
  version: number;
  description: string;
  workflow: { nodes: unknown[]; edges: unknown[] };
  /** The workflows its flow nodes run, resolved by the hub with it. */
  subflows?: Record<string, unknown>;
  inputs: { name: string; type: string; required: boolean; description?: string }[];
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const RUN_TIMEOUT_MS = 10 * 60_000;

function parametersOf(options: WorkflowToolOptions): Record<string, unknown> {
  const properties = Object.fromEntries(
    options.inputs.map((input) => [input.name, { type: JSON_TYPES.has(input.type) ? input.type : 'string', ...(input.description ? { description: input.description } : {}) }]),
  );
  return { type: 'object', properties, required: options.inputs.filter((input) => input.required).map((input) => input.name) };
}

function isOptions(value: Record<string, unknown>): value is Record<string, unknown> & WorkflowToolOptions {
  return typeof value.workflowId === 'string' && typeof value.version === 'number' && typeof value.workflow === 'object' && Array.isArray(value.inputs);
}

/**
 * Published workflows as tools (the hub resolves each to its version and passes it with the run). A call runs the
 * workflow in the workflow service, blocking, on behalf of the run's caller; its outputs are the tool's result.
 */
export function workflowProvider(options: { workflowUrl: string; serviceToken: string }): ToolProvider {
  const client = createServiceClient({ baseUrl: options.workflowUrl, serviceToken: options.serviceToken, caller: 'agent', timeoutMs: RUN_TIMEOUT_MS });
  // Tool names carry the workflow and version, so an entry always means the same workflow; bounded like a cache.
  const known = new Map<string, WorkflowToolOptions>();
  return {
    id: 'workflow',
    async listTools(requests) {
      return requests.map((request): ToolSpec => {
        if (!isOptions(request.options)) throw badRequest(`tool ${request.name}: a workflow tool needs workflowId, version, workflow and inputs`, undefined, 'unknown_tool');
        known.delete(request.name);
        known.set(request.name, request.options);
        if (known.size > 1_000) known.delete(known.keys().next().value as string);
        return { name: request.name, description: request.options.description, parameters: parametersOf(request.options), timeoutMs: RUN_TIMEOUT_MS };
      });
    },
    async runTool(name, input, context) {
      const tool = known.get(name);
      if (tool === undefined) throw new Error(`the workflow tool ${name} is not part of this run`);
      const run = await client.call<{ status: string; outputs: unknown; error: { message?: string } | null }>('POST', '/workflow/runs', {
        body: { workflowId: tool.workflowId, version: tool.version, workflow: tool.workflow, subflows: tool.subflows ?? {}, inputs: typeof input === 'object' && input !== null ? input : {} },
        on: { space: context.spaceId, ...context.caller },
      });
      if (run.status === 'succeeded') return run.outputs;
      if (run.status === 'paused') throw new Error('the workflow asks a question, which a tool call cannot answer');
      throw new Error(`the workflow ${run.status}: ${run.error?.message ?? 'no reason given'}`);
    },
  };
}
