import { z } from 'zod';
import type { RunScope, ToolProvider, ToolRequest, ToolSpec } from './provider.js';
import { argumentsObject, describeCall, memberName, optionsOf, runCall, toolParameters, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

/**
 * What a plugin tool reference names: one operation of a link tool set (the hub's plugins), or without operationId
 * every operation of it (an agent node naming the original's tool id), at a version or the latest published.
 */
const optionsSchema = z.object({
  toolId: z.string().min(1).max(64),
  operationId: z.string().min(1).max(256).optional(),
  version: z.string().min(1).max(64).nullish(),
});

interface Descriptor {
  toolId: string;
  operationId: string;
  /** The operation's function name, unique in its tool set. */
  name: string;
  version: string;
  description: string;
  parameters: unknown;
}

/** The operation at the version described when the run started, so a publish mid-run changes nothing. */
interface LinkBinding {
  toolId: string;
  operationId: string;
  version: string;
}

interface RunAnswer {
  ok: boolean;
  status: number;
  output: unknown;
}

const RUN_TIMEOUT_MS = 60_000;
const FAILED_OUTPUT_CHARS = 1_000;

const outputText = (output: unknown) => (typeof output === 'string' ? output : JSON.stringify(output) ?? '').slice(0, FAILED_OUTPUT_CHARS);

/**
 * OpenAPI operations imported in the link service (plugins). The run's start describes each (its JSON-schema
 * input becomes the tool's parameters); a call runs it through link, which holds the credentials and the SSRF guard.
 * A reference to a whole tool set offers each operation as `<name>_<operation>`.
 */
export function linkProvider(service: ServiceToolsOptions): ToolProvider {
  async function describe(request: ToolRequest, scope: RunScope): Promise<ToolSpec[]> {
    const { toolId, operationId, version } = optionsOf(optionsSchema, request);
    const pinned = [operationId && `operation ${operationId}`, version && `version ${version}`].filter(Boolean).join(', ');
    const what = pinned === '' ? `the plugin ${toolId}` : `the plugin ${toolId} (${pinned})`;
    let descriptors: Descriptor[];
    try {
      const wanted = { toolId, ...(operationId === undefined ? {} : { operationId }), ...(version ? { version } : {}) };
      descriptors = (await describeCall<{ tools: Descriptor[] }>(service, { method: 'POST', path: '/link/v1/tools/describe', body: { tools: [wanted] } }, scope)).tools;
    } catch (error) {
      throw toolUnavailable(request, what, error);
    }
    if (descriptors.length === 0) throw toolUnavailable(request, what, operationId === undefined ? 'the tool set has no operations' : 'link described no such operation');
    return descriptors.map((descriptor) => {
      const binding: LinkBinding = { toolId, operationId: descriptor.operationId, version: descriptor.version };
      const name = operationId === undefined ? memberName(request.name, descriptor.name) : request.name;
      return { name, description: descriptor.description, parameters: toolParameters(descriptor.parameters), timeoutMs: RUN_TIMEOUT_MS, binding };
    });
  }

  return {
    id: 'link',
    listTools: async (requests, scope) => (await Promise.all(requests.map((request) => describe(request, scope)))).flat(),
    async runTool(_name, input, context, spec) {
      const binding = spec.binding as LinkBinding;
      const answer = await runCall<RunAnswer>(service, { method: 'POST', path: '/link/v1/tools/run', body: { ...binding, inputs: argumentsObject(input) } }, context, RUN_TIMEOUT_MS);
      // The API's own refusal is data the model can act on (a wrong id, a missing field), so it sees the answer.
      if (!answer.ok) throw new Error(`the API answered HTTP ${answer.status}: ${outputText(answer.output)}`);
      return answer.output;
    },
  };
}
