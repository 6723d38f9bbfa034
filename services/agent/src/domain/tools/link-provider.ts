import { z } from 'zod';
import type { RunScope, ToolProvider, ToolRequest, ToolSpec } from './provider.js';
import { argumentsObject, describeCall, optionsOf, runCall, toolParameters, toolUnavailable, type ServiceToolsOptions } from './service-tools.js';

/** What the hub puts in a plugin tool reference: one operation of a link tool set, at a version or the latest. */
const optionsSchema = z.object({
  toolId: z.string().min(1).max(64),
  operationId: z.string().min(1).max(256),
  version: z.string().min(1).max(64).nullish(),
});

interface Descriptor {
  toolId: string;
  operationId: string;
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
 */
export function linkProvider(service: ServiceToolsOptions): ToolProvider {
  async function describe(request: ToolRequest, scope: RunScope): Promise<ToolSpec> {
    const { toolId, operationId, version } = optionsOf(optionsSchema, request);
    const what = `the plugin ${toolId} (operation ${operationId}${version ? `, version ${version}` : ''})`;
    let descriptor: Descriptor | undefined;
    try {
      const answer = await describeCall<{ tools: Descriptor[] }>(service, { method: 'POST', path: '/link/v1/tools/describe', body: { tools: [{ toolId, operationId, ...(version ? { version } : {}) }] } }, scope);
      descriptor = answer.tools[0];
    } catch (error) {
      throw toolUnavailable(request, what, error);
    }
    if (descriptor === undefined) throw toolUnavailable(request, what, 'link described no such operation');
    const binding: LinkBinding = { toolId, operationId: descriptor.operationId, version: descriptor.version };
    return { name: request.name, description: descriptor.description, parameters: toolParameters(descriptor.parameters), timeoutMs: RUN_TIMEOUT_MS, binding };
  }

  return {
    id: 'link',
    listTools: (requests, scope) => Promise.all(requests.map((request) => describe(request, scope))),
    async runTool(_name, input, context, spec) {
      const binding = spec.binding as LinkBinding;
      const answer = await runCall<RunAnswer>(service, { method: 'POST', path: '/link/v1/tools/run', body: { ...binding, inputs: argumentsObject(input) } }, context, RUN_TIMEOUT_MS);
      // The API's own refusal is data the model can act on (a wrong id, a missing field), so it sees the answer.
      if (!answer.ok) throw new Error(`the API answered HTTP ${answer.status}: ${outputText(answer.output)}`);
      return answer.output;
    },
  };
}
