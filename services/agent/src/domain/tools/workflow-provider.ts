import { z } from 'zod';
import type { ToolProvider, ToolSpec } from './provider.js';
import { argumentsObject, optionsOf, runCall, type ServiceToolsOptions } from './service-tools.js';

const inputSchema = z.object({ name: z.string().min(1).max(256), type: z.string().max(64), required: z.boolean(), description: z.string().max(2_000).optional() });

/**
 * What a workflow tool reference names: a published version to run and how to describe it (the hub resolves an
 * agent's workflows; an agent node names those the hub resolved with its run). Without `inputs`, the tool's
 * parameters are the outputs of the workflow's start node, as the original's.
 */
const optionsSchema = z.object({
  workflowId: z.string().min(1).max(64),
  version: z.number().int().min(1),
  description: z.string().max(2_000),
  workflow: z.object({ nodes: z.array(z.unknown()), edges: z.array(z.unknown()) }),
  /** The workflows its flow nodes run, resolved with it. */
  subflows: z.record(z.string(), z.unknown()).default({}),
  inputs: z.array(inputSchema).optional(),
});

type WorkflowInput = z.output<typeof inputSchema>;

/** The workflow version this run offers, kept with its spec (never in a shared map: runs overlap). */
type WorkflowBinding = Pick<z.output<typeof optionsSchema>, 'workflowId' | 'version' | 'workflow' | 'subflows'>;

interface StartOutput {
  name?: unknown;
  required?: unknown;
  schema?: { type?: unknown; description?: unknown };
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);
const RUN_TIMEOUT_MS = 10 * 60_000;

/** The start node's outputs are the workflow's inputs. */
function startInputs(nodes: unknown[]): WorkflowInput[] {
  const start = nodes.find((node) => String((node as { id?: unknown }).id).startsWith('node-start::')) as { data?: { outputs?: StartOutput[] } } | undefined;
  return (start?.data?.outputs ?? []).flatMap((output) =>
    typeof output.name === 'string'
      ? [{ name: output.name, type: typeof output.schema?.type === 'string' ? output.schema.type : 'string', required: output.required === true, ...(typeof output.schema?.description === 'string' ? { description: output.schema.description } : {}) }]
      : [],
  );
}

function parametersOf(inputs: WorkflowInput[]): Record<string, unknown> {
  const properties = Object.fromEntries(inputs.map((input) => [input.name, { type: JSON_TYPES.has(input.type) ? input.type : 'string', ...(input.description ? { description: input.description } : {}) }]));
  return { type: 'object', properties, required: inputs.filter((input) => input.required).map((input) => input.name) };
}

/**
 * Published workflows as tools. A call runs the workflow in the workflow service (WORKFLOW_URL), blocking, on behalf
 * of the run's caller; its outputs are the tool's result.
 */
export function workflowProvider(service: ServiceToolsOptions): ToolProvider {
  return {
    id: 'workflow',
    async listTools(requests) {
      return requests.map((request): ToolSpec => {
        const { workflowId, version, description, workflow, subflows, inputs } = optionsOf(optionsSchema, request);
        const binding: WorkflowBinding = { workflowId, version, workflow, subflows };
        return { name: request.name, description, parameters: parametersOf(inputs ?? startInputs(workflow.nodes)), timeoutMs: RUN_TIMEOUT_MS, binding };
      });
    },
    async runTool(_name, input, context, spec) {
      const { workflowId, version, workflow, subflows } = spec.binding as WorkflowBinding;
      const body = { workflowId, version, workflow, subflows, inputs: argumentsObject(input) };
      const run = await runCall<{ status: string; outputs: unknown; error: { message?: string } | null }>(service, { method: 'POST', path: '/workflow/runs', body }, context, RUN_TIMEOUT_MS);
      if (run.status === 'succeeded') return run.outputs;
      if (run.status === 'paused') throw new Error('the workflow asks a question, which a tool call cannot answer');
      throw new Error(`the workflow ${run.status}: ${run.error?.message ?? 'no reason given'}`);
    },
  };
}
